"""The briefing of a team game: the scenario as solo play shows it, then the teams with their shapes."""

from __future__ import annotations

from incluzo.engine.play.teamviews import Badge
from incluzo.engine.play.views import BriefingView, MapView
from incluzo.scenes.actions import Action
from incluzo.scenes.kit.base import Context, heading_item
from incluzo.scenes.kit.bindings import NEXT, TEAM_GLOBAL, Binding, FooterKey, Request
from incluzo.scenes.kit.text import Flow
from incluzo.scenes.screens.briefing import BriefingScene
from incluzo.scenes.teams.actions import BeginRound
from incluzo.scenes.teams.badge import badge_line
from incluzo.scenes.teams.scene import key_name


class TeamBriefingScene(BriefingScene):
    name = "team-briefing"

    def __init__(
        self, ctx: Context, view: BriefingView, map_view: MapView, badges: tuple[Badge, ...]
    ) -> None:
        super().__init__(ctx, view, map_view)
        self.badges = badges

    def flow(self, width: int) -> Flow:
        flow = super().flow(width)
        m, s = self.metrics, self.styles
        heading_item(flow, self.say("team.briefing.teams", count=len(self.badges)), s["heading"], m.margin)
        for badge in self.badges:
            badge_line(flow, badge, badge.name, s["body"], m, space_before=m.gap // 2)
        flow.text(self.say("team.briefing.how"), s["muted"], space_before=m.gap)
        return flow

    def global_bindings(self) -> tuple[Binding, ...]:
        return TEAM_GLOBAL  # M and H show the teams' map and help

    def _key(self, name: str) -> Request | None:
        return super()._key(key_name(name))

    def primary(self) -> Action | None:
        return BeginRound()

    def primary_key(self) -> FooterKey | None:
        return NEXT.to(BeginRound()).labelled("key.begin").footer_key(self.say)
