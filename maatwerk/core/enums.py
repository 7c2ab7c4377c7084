"""Enumerations of the domain (DESIGN §2-§4); values are stored as text."""

from __future__ import annotations

from enum import StrEnum


class Domain(StrEnum):
    """Life domain (leefgebied / kapitaalvorm)."""

    ECONOMIC = "economic"
    SOCIAL = "social"
    CULTURAL = "cultural"
    PEDAGOGICAL = "pedagogical"
    MENTAL = "mental"


class Sector(StrEnum):
    """Sector of a partner organisation."""

    MUNICIPALITY = "municipality"
    HOUSING = "housing"
    WELFARE = "welfare"
    CARE = "care"
    MENTAL_HEALTH = "mental_health"
    EDUCATION = "education"
    KNOWLEDGE = "knowledge"
    EXPERIENCE_EXPERTS = "experience_experts"
    OTHER = "other"


class Role(StrEnum):
    """System role of an account (one per account)."""

    FAMILY = "family"
    PROFESSIONAL = "professional"
    MANAGER = "manager"
    PROGRAMME = "programme"
    EXPERIENCE_EXPERT = "experience_expert"
    ADMIN = "admin"


class PlanRole(StrEnum):
    """Role of a professional on a plan's team."""

    COORDINATOR = "coordinator"
    MEMBER = "member"


class AreaKind(StrEnum):
    """Level of an area: a municipality or a place within it."""

    MUNICIPALITY = "municipality"
    VILLAGE = "village"
    DISTRICT = "district"
    NEIGHBOURHOOD = "neighbourhood"


class MemberPosition(StrEnum):
    """Position of a member in the household."""

    PARENT = "parent"
    CHILD = "child"
    OTHER_ADULT = "other_adult"


class ReferralSource(StrEnum):
    """How the household came into view."""

    EARLY_SIGNALLING = "early_signalling"
    SELF = "self"
    PARTNER = "partner"
    OTHER = "other"


class ConsentPurpose(StrEnum):
    """What a consent allows."""

    PLAN_SHARING = "plan_sharing"
    LEARNING = "learning"


class ProposedBy(StrEnum):
    """Who brought a goal or action in."""

    FAMILY = "family"
    PROFESSIONAL = "professional"


class Carrier(StrEnum):
    """Who carries an action."""

    FAMILY = "family"
    NETWORK = "network"
    PROFESSIONAL = "professional"


class BarrierCategory(StrEnum):
    """Kind of barrier (knelpunt)."""

    RULES = "rules"
    BUDGET = "budget"
    WAITING_LIST = "waiting_list"
    COLLABORATION = "collaboration"
    INFORMATION_SHARING = "information_sharing"
    CAPACITY = "capacity"
    OTHER = "other"


class ScoredBy(StrEnum):
    """Who gave an outcome score or answered a survey."""

    FAMILY = "family"
    PROFESSIONAL = "professional"


class Moment(StrEnum):
    """When a score or survey was taken."""

    INTAKE = "intake"
    EVALUATION = "evaluation"


class ProgrammeLine(StrEnum):
    """Programme line (programmalijn) of an operational goal."""

    TARGET_GROUP = "target_group"
    FIELD = "field"
    EFFECTIVENESS_LEARNING = "effectiveness_learning"
