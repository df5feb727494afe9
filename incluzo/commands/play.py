"""`incluzo play [FILE]`: the game in a window, or headless with scripted choices and screenshots."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from incluzo.commands import default_language
from incluzo.commands.profile import THEMES, threshold
from incluzo.engine.questionnaire.themes import DEFAULT_THRESHOLD
from incluzo.engine.scenario.problems import echo
from incluzo.i18n import languages
from incluzo.phones.protocol import DEFAULT_PORT

LARGEST = (7680, 4320)  # a window or screenshot larger than 8K is a typo (and would exhaust memory)

HELP = """Play a scenario on screen. Without FILE the start screen lists the scenarios in scenarios/.

With --headless nothing opens: the game plays the given choices in order (event cards need no entry),
writes one PNG per screen shown into --screenshots (01-briefing.png, 02-card-ID.png, ...; a screen
of several pages adds 02-card-ID-p2.png, ...) and the debrief export (PNG and Markdown) into the
exports folder, and exits 0. With --overlays it also writes the help, map and notes over every screen
that offers them (02-card-ID-help.png, 02-card-ID-map.png, 02-card-ID-notes.png, their pages -p2, ...),
and with --presenter the presenter view beside each screen (02-card-ID-presenter.png), so an author
sees everything the room and the facilitator will see.

Presenter view: with a projector, --presenter opens a second window for the facilitator (drag it to
the laptop's screen, the game's window to the projector, F11): the keys of the screen shown (each a
button), the card's notes, the countdown, where each choice leads and a small picture of the room's
screen. With one screen nothing for the facilitator is projected unasked: H lists the keys, N shows a
card's notes, F2 shows the presenter view over the game until F2 again. Without FILE, --headless
prints the scenarios it would list.

Team play: without --solo the room first types its teams (1 to 6) on screen, or give them with
--teams "Rood,Blauw,Groen". Headless team play takes the choices per round: rounds apart by commas,
the teams of a round by slashes in team order ("a/b/a,c/c/b": in round 1 team 1 chose a, team 2 b,
team 3 a); one entry gives every playing team the same choice, '-' marks a team that sits the round
out; event and poll cards need no entry.

exit code: 0 played (or listed), 1 the file has errors or a choice was not allowed, 2 usage error

examples:
  incluzo play
  incluzo play scenarios/te-veel-prikkels.yaml --solo --lang en
  incluzo play --resume
  incluzo play --questionnaire                     fill in "Welke bril?" on screen, then pick a scenario
  incluzo play scenarios/basisnorm.yaml --questionnaire   ... then play this one from the room's profile
  incluzo play scenarios/te-veel-prikkels.yaml --headless \\
      --choices strategieen-met-klas,collegiale-consultatie,teamscholing,opp-voorzieningen \\
      --screenshots out/shots --size 1920x1080
  incluzo play scenarios/niet-schoolrijp.yaml --teams "Rood,Blauw,Groen"
  incluzo play scenarios/niet-schoolrijp.yaml --headless --teams Rood,Blauw --screenshots out/t \\
      --choices \\
      ander-basisaanbod/startklas-go,-/tlv-doorzetten,aanpak-met-ouders-jgz/verzorgingsruimte,taallijn-met-voorschool/taalrijke-kring,alsnog-tlv/opp-als-leerplan
"""


def size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"expected WIDTHxHEIGHT, e.g. 1920x1080, not '{echo(text, 40)}'"
        ) from error
    if width < 320 or height < 240:
        raise argparse.ArgumentTypeError("the smallest size is 320x240")
    if width > LARGEST[0] or height > LARGEST[1]:
        raise argparse.ArgumentTypeError(f"the largest size is {LARGEST[0]}x{LARGEST[1]} (8K)")
    return width, height


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "play",
        help="play a scenario on screen (or headless with screenshots)",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="a scenario YAML file")
    parser.add_argument(
        "--lang",
        choices=languages(),
        default=default_language("nl"),
        help="language of the screens (default Dutch; INCLUZO_LANG=en for English)",
    )
    parser.add_argument(
        "--solo", action="store_true", help="one player with feedback (default: team, the room)"
    )
    parser.add_argument(
        "--size", type=size, default=(1280, 720), metavar="WxH", help="window size (default 1280x720)"
    )
    parser.add_argument("--fullscreen", action="store_true", help="start in full screen (F11 toggles)")
    parser.add_argument(
        "--headless", action="store_true", help="no window: play --choices and write screenshots"
    )
    parser.add_argument(
        "--choices",
        default="",
        metavar="ID,ID,...",
        help="with --headless: choice ids in order (with --teams: per round, ID/ID/...)",
    )
    parser.add_argument(
        "--teams",
        metavar="NAME,NAME,...",
        help="play as competing teams with these names (1 to 6), without the set-up screen "
        "(with --questionnaire: after the profile; with --phones the phones choose them already)",
    )
    parser.add_argument(
        "--screenshots", type=Path, metavar="DIR", help="with --headless: folder for the PNGs"
    )
    parser.add_argument(
        "--presenter",
        action="store_true",
        help="a second window for the facilitator: keys, notes, countdown and next card (the presenter "
        "view; F2 shows it over the room's screen instead); with --headless --screenshots: its PNGs too",
    )
    parser.add_argument(
        "--overlays",
        action="store_true",
        help="with --headless --screenshots: also write the help, map and notes over each screen",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="go on with the newest unfinished session (of FILE, when given: onto that file), else a new one",
    )
    parser.add_argument(
        "--questionnaire",
        nargs="?",
        type=Path,
        const=THEMES,
        metavar="FILE.yaml",
        help='first fill in "Welke bril?" (default questionnaires/welke-bril.yaml); '
        "FILE then starts from the room's profile",
    )
    parser.add_argument(
        "--threshold",
        type=threshold,
        default=DEFAULT_THRESHOLD,
        metavar="N",
        help="with --questionnaire: a difference of N or more is meaningful (default 10)",
    )
    parser.add_argument(
        "--trace",
        action="store_true",
        help="with --headless: print a JSON line when play starts and around every save",
    )
    parser.add_argument(
        "--phones",
        action="store_true",
        help="let the room join with its phones: a web server on the local network, a QR code on screen",
    )
    parser.add_argument(
        "--phones-host",
        metavar="ADDRESS",
        help="with --phones: the address to listen on (default: this laptop's address on the local "
        "network, else 127.0.0.1)",
    )
    parser.add_argument(
        "--phones-port",
        type=int,
        default=DEFAULT_PORT,
        metavar="PORT",
        help=f"with --phones: the port (default {DEFAULT_PORT})",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from incluzo.engine.play.phases import Mode
    from incluzo.scenes import use_dummy_display_if_headless

    mode = Mode.SOLO if args.solo else Mode.GROUP
    names = tuple(n.strip() for n in args.teams.split(",")) if args.teams is not None else None
    if names is not None and (args.solo or args.file is None):
        print("incluzo play: --teams needs FILE, and not --solo", file=sys.stderr)
        return 2
    if args.questionnaire is not None and (args.headless or args.resume):
        print(
            "incluzo play: --questionnaire is filled in on screen: leave out --headless and --resume",
            file=sys.stderr,
        )
        return 2
    if args.headless:
        import os

        os.environ["SDL_VIDEODRIVER"] = "dummy"
        use_dummy_display_if_headless()
        from incluzo.scenes.screens.headless import list_scenarios, play_headless

        if args.file is None:
            return list_scenarios(args.lang)
        if names is not None:
            from incluzo.scenes.teams.headless import parse_rounds, play_teams_headless

            rounds = parse_rounds(args.choices)
            return play_teams_headless(
                args.file,
                names,
                rounds,
                args.screenshots,
                args.size,
                args.lang,
                overlays=args.overlays,
                presenter=args.presenter,
            )
        choices = [c.strip() for c in args.choices.split(",") if c.strip()]
        return play_headless(
            args.file,
            choices,
            args.screenshots,
            args.size,
            args.lang,
            mode,
            resume=args.resume,
            trace=args.trace,
            overlays=args.overlays,
            presenter=args.presenter,
        )
    use_dummy_display_if_headless()
    from incluzo.app import App
    from incluzo.engine.scenario.problems import ScenarioError
    from incluzo.persistence import find_unfinished
    from incluzo.scenariocache import load_file
    from incluzo.stopping import on_signals

    scenario_id = None
    if args.file is not None:
        try:  # the load-time errors only: the analysis (`incluzo check`) never delays play
            scenario_id = load_file(args.file).id
        except ScenarioError as error:
            for problem in error.problems:
                print(problem.format(args.lang), file=sys.stderr)
            return 1
    if args.questionnaire is not None:
        from incluzo.engine.questionnaire import themes as questionnaire

        try:
            questionnaire.load_file(args.questionnaire)
        except ScenarioError as error:
            for problem in error.problems:
                print(problem.format(args.lang), file=sys.stderr)
            return 1
    resume = find_unfinished(scenario_id) if args.resume else None
    if args.resume and resume is None:
        print("incluzo play: no unfinished session to resume; starting a new one", file=sys.stderr)
    # a room with a FILE plays as teams: the given ones, else it types them on the set-up screen (none:
    # one group)
    if args.file is not None and not args.solo and (args.questionnaire is None or names):
        mode = Mode.TEAMS  # with --questionnaire and --teams: the teams play after the profile
    stop = on_signals()  # before the window opens, so SDL leaves SIGTERM to it
    app = App.opened(
        size=args.size,
        lang=args.lang,
        mode=mode,
        scenario=args.file,
        window=True,
        fullscreen=args.fullscreen,
        resume=resume,
        questionnaire=args.questionnaire,
        teams=names or (),
        ask_resume=not args.resume and not args.questionnaire,
        threshold=args.threshold,
        phones=phones_address(args),
        presenter=args.presenter,
    )
    if app.notice and args.phones and app.phones is None:
        print(f"incluzo play: {app.notice}", file=sys.stderr)
        return 1
    if app.phones is not None:  # the facilitator's own PIN stays off the shared screen
        print(app.ctx.say("phones.desk", url=app.phones.url, pin=app.phones.desk_pin), flush=True)
    stop.attach(app)
    try:
        app.run()
    finally:
        stop.restore()
    if stop.requested and app.game:
        print(app.ctx.say("confirm.quit.text"), flush=True)  # every decision is saved already
    return 0


def phones_address(args: argparse.Namespace) -> tuple[str, int] | None:
    """Where the phones' server listens (None: no phones)."""
    if not args.phones:
        return None
    from incluzo.phones.server import lan_address

    return (args.phones_host or lan_address(), args.phones_port)
