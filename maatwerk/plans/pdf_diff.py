"""What changed between two plan snapshots, as plain-word groups per goal and action."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import object_session

from maatwerk.accounts.models import Organisation, User
from maatwerk.catalogue.models import Intervention
from maatwerk.plans.history import diff_snapshots
from maatwerk.plans.models import Plan
from maatwerk.plans.pdf_labels import Words
from maatwerk.plans.pdf_layout import text


@dataclass
class Item:
    """One change: a plain heading and 'label: value' rows."""

    label: str
    rows: list[tuple[str, str]]


@dataclass
class Group:
    """The changes of one goal (or of the plan, the team, loose actions)."""

    heading: str
    domain: str | None = None
    items: list[Item] = field(default_factory=list)


class ChangeDescriber:
    """Turns the field-level diff of two snapshots into plain-word groups."""

    def __init__(
        self, plan: Plan, words: Words, before: dict[str, Any] | None, after: dict[str, Any]
    ) -> None:
        self.plan, self.words = plan, words
        # Never confirmed: everything is new, and the plan's own state has no "before".
        self.fresh = before is None
        self.before = before or {"goals": {}, "actions": {}, "team": {}, "barriers": {}}
        self.after = after
        self.organisations: dict[int, str] = {}
        self.users: dict[int, User] = {m.user_id: m.user for m in plan.team}
        self.interventions: dict[int, str] = {}
        for action in plan.actions:
            for organisation in action.organisations:
                self.organisations[organisation.id] = organisation.name
            if action.assigned_user is not None:
                self.users[action.assigned_user.id] = action.assigned_user
            if action.intervention is not None:
                self.interventions[action.intervention.id] = action.intervention.name

    # --- looking things up ---------------------------------------------------------------

    def _get(self, model: type, key: int) -> Any:
        session = object_session(self.plan)
        return session.get(model, key) if session is not None else None

    def _organisation(self, key: int | None) -> str:
        if key is None:
            return self.words["empty"]
        if key not in self.organisations:
            found = self._get(Organisation, key)
            self.organisations[key] = found.name if found else "?"
        return self.organisations[key]

    def _user(self, key: int | None) -> User | None:
        if key is not None and key not in self.users:
            self.users[key] = self._get(User, key)
        return self.users.get(key) if key is not None else None

    def _goal(self, key: str) -> dict[str, Any]:
        return self.after["goals"].get(key) or self.before["goals"].get(key) or {}

    def _value(self, kind: str, name: str, value: Any) -> str:
        """A snapshot value in plain words, as Paragraph markup."""
        w = self.words
        if name == "status":
            return text(w.of(f"{kind}_status", value) if value else w["empty"])
        if value in (None, "", []):
            return text(w["no_rank"] if name == "priorityRank" else w["empty"])
        if name in ("targetDate", "dueDate"):
            return text(w.date(dt.date.fromisoformat(value)))
        if name == "domain":
            return text(w.of("domain", value))
        if name == "carrier":
            return text(w.of("carrier", value))
        if name == "leadOrganisationId":
            return text(self._organisation(value))
        if name == "organisationIds":
            return text(", ".join(self._organisation(v) for v in value))
        if name == "goalIds":
            return text(", ".join(self._goal(str(v)).get("title", "?") for v in value))
        if name == "interventionId":
            if value not in self.interventions:
                found = self._get(Intervention, value)
                self.interventions[value] = found.name if found else "?"
            return text(self.interventions[value])
        if name == "assignedUserId":
            user = self._user(value)
            return text(user.display_name if user else "?")
        return text(str(value))

    def _was_now(self, kind: str, name: str, old: Any, new: Any) -> str:
        w = self.words
        return (
            f"<b>{text(w['before'])}:</b> {self._value(kind, name, old)}<br/>"
            f"<b>{text(w['now'])}:</b> {self._value(kind, name, new)}"
        )

    # --- building the groups -----------------------------------------------------------------

    def groups(self) -> list[Group]:
        w = self.words
        changed: dict[str, dict[str, list[tuple[str, Any, Any]]]] = defaultdict(dict)
        plan_group = Group(w["plan_heading"])
        plan_rows: list[tuple[str, str]] = []
        for change in diff_snapshots(self.before, self.after):
            parts = change.path.split(".")
            if parts[0] in ("status", "cycle"):
                if self.fresh:
                    continue
                plan_rows.append(
                    (
                        w["field"][parts[0]],
                        self._was_now("plan", parts[0], change.before, change.after),
                    )
                )
            elif len(parts) == 3:
                section, key, name = parts
                changed[section].setdefault(key, []).append((name, change.before, change.after))
            elif parts[0] == "team":
                changed["team"][parts[1]] = [("role", change.before, change.after)]
        if plan_rows:
            plan_group.items.append(Item(w["item"]["plan_changed"], plan_rows))
        plan_group.items += self._barriers(changed["barriers"])
        goal_groups = self._goal_groups(changed["goals"])
        loose = Group(w["loose_actions"])
        for key, fields in sorted(changed["actions"].items(), key=lambda kv: int(kv[0])):
            snapshot = self.after["actions"].get(key) or self.before["actions"][key]
            home = next(
                (goal_groups[str(g)] for g in snapshot["goalIds"] if str(g) in goal_groups), loose
            )
            home.items.append(self._action_item(key, fields))
        team = Group(w["team_heading"], items=self._team(changed["team"]))
        ordered = sorted(goal_groups.items(), key=lambda kv: self._goal_order(kv[0]))
        return [g for g in (plan_group, *(g for _, g in ordered), loose, team) if g.items]

    def _goal_order(self, key: str) -> tuple:
        goal = self.after["goals"].get(key)
        if goal is None:
            return (2, 0, int(key))
        rank = goal["priorityRank"]
        return (0 if goal["status"] == "accepted" else 1, rank or 10**6, int(key))

    def _goal_groups(self, changed: dict[str, list[tuple[str, Any, Any]]]) -> dict[str, Group]:
        """A group for every goal; the goal's own change first where it has one."""
        w = self.words
        groups: dict[str, Group] = {}
        for key in {*self.after["goals"], *self.before["goals"]}:
            goal = self._goal(key)
            group = Group(goal["title"], domain=goal["domain"])
            groups[key] = group
            if key not in changed:
                continue
            if key not in self.before["goals"]:
                # The group's heading already shows the title.
                rows = [
                    ("whyItMatters", goal["whyItMatters"]),
                    ("strengths", goal["strengths"]),
                    ("status", goal["status"]),
                ]
                if goal["priorityRank"]:
                    rows.append(("priorityRank", goal["priorityRank"]))
                group.items.append(
                    Item(
                        w["item"]["goal_new"],
                        [
                            (w["field"][name], self._value("goal", name, value))
                            for name, value in rows
                            if value
                        ],
                    )
                )
            elif key not in self.after["goals"]:
                group.items.append(Item(w["item"]["goal_removed"], []))
            else:
                group.items.append(
                    Item(
                        w["item"]["goal_changed"],
                        [
                            (w["field"][name], self._was_now("goal", name, old, new))
                            for name, old, new in changed[key]
                        ],
                    )
                )
        return groups

    def _action_item(self, key: str, fields: list[tuple[str, Any, Any]]) -> Item:
        w = self.words
        if key not in self.before["actions"]:
            action = self.after["actions"][key]
            rows = [
                (w["field"][name], self._value("action", name, action[name]))
                for name in ("description", "carrier", "leadOrganisationId", "dueDate", "status")
                if action[name] is not None
            ]
            return Item(w["item"]["action_new"], rows)
        old = self.before["actions"][key]
        if key not in self.after["actions"]:
            return Item(
                w["item"]["action_removed"], [(w["field"]["description"], text(old["description"]))]
            )
        current = self.after["actions"][key]
        rows = [(w["field"]["description"], text(current["description"]))]
        rows += [
            (w["field"][name], self._was_now("action", name, before, after))
            for name, before, after in fields
        ]
        return Item(w["item"]["action_changed"], rows)

    def _team(self, changed: dict[str, list[tuple[str, Any, Any]]]) -> list[Item]:
        w = self.words
        items = []
        for key, [(_, old, new)] in sorted(changed.items(), key=lambda kv: int(kv[0])):
            user = self._user(int(key))
            name = user.display_name if user else "?"
            organisation = user.organisation.name if user and user.organisation else ""
            role = w["coordinator"] if (new or old) == "coordinator" else w["member"]
            rows = [
                (w["field"]["name"], text(name)),
                (w["field"]["organisation"], text(organisation)),
            ]
            if old is None:
                items.append(
                    Item(w["item"]["member_added"], [*rows, (w["field"]["role"], text(role))])
                )
            elif new is None:
                items.append(Item(w["item"]["member_removed"], rows))
            else:
                was_now = (
                    f"<b>{text(w['before'])}:</b> {text(self._role(old))}<br/>"
                    f"<b>{text(w['now'])}:</b> {text(self._role(new))}"
                )
                items.append(
                    Item(w["item"]["role_changed"], [*rows, (w["field"]["role"], was_now)])
                )
        return items

    def _role(self, role: str) -> str:
        return self.words["coordinator"] if role == "coordinator" else self.words["member"]

    def _barriers(self, changed: dict[str, list[tuple[str, Any, Any]]]) -> list[Item]:
        w = self.words
        items = []
        for key in sorted(changed, key=int):
            barrier = self.after["barriers"].get(key)
            if barrier is None:
                continue
            category = (w["field"]["category"], text(w.of("barrier", barrier["category"])))
            if key not in self.before["barriers"]:
                status = text(w.of("barrier_status", barrier["status"]))
                items.append(
                    Item(w["item"]["barrier_new"], [category, (w["field"]["status"], status)])
                )
            else:
                old = self.before["barriers"][key]["status"]
                was_now = (
                    f"<b>{text(w['before'])}:</b> {text(w.of('barrier_status', old))}<br/>"
                    f"<b>{text(w['now'])}:</b> {text(w.of('barrier_status', barrier['status']))}"
                )
                items.append(
                    Item(w["item"]["barrier_changed"], [category, (w["field"]["status"], was_now)])
                )
        return items
