"""Import every model so that the metadata is complete (for Alembic and create_all)."""

from maatwerk.accounts.models import ApiToken, Organisation, User
from maatwerk.admin.models import AccountSetupCode  # noqa: F401  (account setup codes)
from maatwerk.audit.models import AuditEvent, audit_event_households
from maatwerk.barriers.models import (
    Barrier,
    BudgetGrant,  # noqa: F401  (flexible budget ledger)
    FlexibleBudget,  # noqa: F401  (flexible budget)
    barrier_escalations,
    barrier_operational_goals,  # noqa: F401  (agenda links)
)
from maatwerk.casereview.models import (
    CasePack,  # noqa: F401  (case review)
    CasePackText,  # noqa: F401  (case review)
    CaseReviewSession,  # noqa: F401  (case review)
    Lesson,  # noqa: F401  (case review)
    LessonDomain,  # noqa: F401  (case review)
    SessionParticipant,  # noqa: F401  (case review)
)
from maatwerk.catalogue.models import (
    Area,
    Intervention,
    InterventionDomain,
    OperationalGoal,
    intervention_areas,
    intervention_organisations,
)
from maatwerk.goals.models import Action, Goal, action_goals, action_organisations
from maatwerk.households.models import Consent, Household, Member
from maatwerk.monitoring.models import (
    MonitoringCell,  # noqa: F401  (monitoring rollups)
    MonitoringRefresh,  # noqa: F401  (monitoring rollups)
)
from maatwerk.notifications.models import Notification  # noqa: F401  (notifications)
from maatwerk.outcomes.models import ExperienceSurvey, OutcomeScore, SurveyAnswer
from maatwerk.plans.models import Comment, Plan, PlanRevision, TeamMembership, TransitionEvent
from maatwerk.portal.models import ActivationCode, PasswordResetCode  # noqa: F401  (portal)
from maatwerk.reflection.models import (
    ReflectionDecision,  # noqa: F401  (eiland van reflectie)
    ReflectionFinding,  # noqa: F401  (eiland van reflectie)
    ReflectionSession,  # noqa: F401  (eiland van reflectie)
)

__all__ = [
    "Action",
    "ApiToken",
    "Area",
    "AuditEvent",
    "Barrier",
    "Comment",
    "Consent",
    "ExperienceSurvey",
    "Goal",
    "Household",
    "Intervention",
    "InterventionDomain",
    "Member",
    "OperationalGoal",
    "Organisation",
    "OutcomeScore",
    "Plan",
    "PlanRevision",
    "SurveyAnswer",
    "TeamMembership",
    "TransitionEvent",
    "User",
    "action_goals",
    "action_organisations",
    "audit_event_households",
    "barrier_escalations",
    "intervention_areas",
    "intervention_organisations",
]
