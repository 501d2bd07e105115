"""The deployment files in deploy/ say what the code and the tools expect.

Docker cannot run in CI, so the Dockerfile and compose file are checked for structure (and
with hadolint / caddy when those are installed); the systemd unit is checked by systemd itself
when `systemd-analyze` is available.
"""

from __future__ import annotations

import fnmatch
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import tokenize
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
UNIT = DEPLOY / "chronobot.service"
UNIT_BINARY = "/opt/chronobot/bin/chronobot"
SETTING = re.compile(r"\b(?:CHRONOBOT|TELEGRAM)_[A-Z0-9_]+\b")
# A Telegram-shaped token that cannot belong to any real bot.
FAKE_TOKEN = "123456789:" + "Q" * 35


# ---- helpers ------------------------------------------------------------------------------


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    instructions, pending = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        keyword, _, arguments = (pending + stripped).partition(" ")
        instructions.append((keyword.upper(), " ".join(arguments.split())))
        pending = ""
    return instructions


def unit_settings(text: str) -> list[tuple[str, str, str]]:
    """(section, key, value) for every assignment; systemd allows repeated keys, so a list."""
    settings, section = [], ""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        key, _, value = line.partition("=")
        settings.append((section, key.strip(), value.strip()))
    return settings


def unit_values(key: str) -> list[str]:
    return [value for _, k, value in unit_settings(UNIT.read_text()) if k == key]


def settings_read_by_code() -> set[str]:
    """CHRONOBOT_*/TELEGRAM_* names inside string literals of bot/ (constants are not settings)."""
    names = set()
    for path in (ROOT / "bot").rglob("*.py"):
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text()).readline)
        for token in tokens:
            if token.type == tokenize.STRING:
                names.update(SETTING.findall(token.string))
    return names


def env_example_lines() -> list[str]:
    return (DEPLOY / ".env.example").read_text().splitlines()


ASSIGNMENT = re.compile(r"^#? ?([A-Z][A-Z0-9_]*)=(.*)$")


def dockerignored(path: str, patterns: list[str]) -> bool:
    """Whether .dockerignore leaves `path` out of the build context (last match wins)."""
    parts = path.split("/")
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    ignored = False
    for pattern in patterns:
        negated = pattern.startswith("!")
        pattern = pattern.lstrip("!").rstrip("/")
        if any(fnmatch.fnmatchcase(candidate, pattern) for candidate in candidates):
            ignored = not negated
    return ignored


def dockerignore_patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def uncomment_webhook_blocks(text: str) -> str:
    """compose.yaml with the commented webhook-mode lines switched on, as a user would."""
    lines, inside = [], False
    for line in text.splitlines():
        if line.strip() == "# >>> webhook":
            inside = True
        elif line.strip() == "# <<< webhook":
            inside = False
        elif inside:
            line = line.replace("# ", "", 1)
        lines.append(line)
    return "\n".join(lines)


# ---- Dockerfile ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dockerfile() -> list[tuple[str, str]]:
    return dockerfile_instructions((DEPLOY / "Dockerfile").read_text())


def test_dockerfile_is_multi_stage_on_pinned_python_slim(dockerfile):
    bases = [args.split()[0] for keyword, args in dockerfile if keyword == "FROM"]
    assert len(bases) >= 2
    for base in bases:
        assert re.fullmatch(r"python:3\.11(\.\d+)?-slim(-[a-z]+)?(@sha256:[0-9a-f]{64})?", base)


def test_dockerfile_runtime_copies_the_venv_from_the_builder(dockerfile):
    runtime_start = max(i for i, (k, _) in enumerate(dockerfile) if k == "FROM")
    runtime = dockerfile[runtime_start:]
    assert any(k == "COPY" and a.startswith("--from=builder") for k, a in runtime)
    assert not any(k == "RUN" and "pip install" in a for k, a in runtime)


def test_dockerfile_runs_as_a_non_root_user(dockerfile):
    users = [args for keyword, args in dockerfile if keyword == "USER"]
    assert users, "no USER instruction: the bot would run as root"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}


def test_dockerfile_pip_installs_use_no_cache_and_pinned_lock(dockerfile):
    installs = [a for k, a in dockerfile if k == "RUN" and "pip install" in a]
    assert installs
    for command in installs:
        for part in command.split("&&"):
            if "pip install" in part:
                assert "--no-cache-dir" in part, part
    assert any("-r /tmp/requirements.lock" in c and "--no-deps" in c for c in installs)
    assert any("pip check" in a for k, a in dockerfile if k == "RUN")


def test_dockerfile_has_no_remote_add(dockerfile):
    for keyword, args in dockerfile:
        assert keyword != "ADD" or not re.search(r"https?://|git@", args), args


def test_dockerfile_healthcheck_stop_signal_volume_and_port(dockerfile):
    keywords = dict(dockerfile)
    assert "chronobot" in keywords["HEALTHCHECK"] and "check" in keywords["HEALTHCHECK"]
    assert keywords["STOPSIGNAL"] == "SIGTERM"
    assert "/var/lib/chronobot" in keywords["VOLUME"]
    assert "8443" in keywords["EXPOSE"].split()


def test_dockerfile_builds_the_index_before_declaring_the_volume(dockerfile):
    # Files written under a VOLUME path after the VOLUME line are discarded by the build.
    order = [k for k, a in dockerfile if k == "VOLUME" or (k == "RUN" and "chronobot index" in a)]
    assert order == ["RUN", "VOLUME"]
    env = " ".join(a for k, a in dockerfile if k == "ENV")
    index_run = next(a for k, a in dockerfile if k == "RUN" and "chronobot index" in a)
    assert "CHRONOBOT_INDEX=/var/lib/chronobot/index.sqlite" in env
    assert "--db /var/lib/chronobot/index.sqlite" in index_run
    assert "CHRONOBOT_DATA=/app/data/events.yaml" in env
    assert "--data /app/data/events.yaml" in index_run


def test_dockerfile_copies_only_what_exists_and_is_in_the_build_context(dockerfile):
    patterns = dockerignore_patterns()
    for keyword, args in dockerfile:
        if keyword != "COPY" or args.startswith("--from"):
            continue
        *sources, _destination = args.split()
        for source in sources:
            source = source.rstrip("/")
            assert (ROOT / source).exists(), f"COPY {source}: not in the repository"
            assert not dockerignored(source, patterns), f"COPY {source}: excluded by .dockerignore"


def test_dockerignore_keeps_secrets_and_local_state_out():
    patterns = dockerignore_patterns()
    for path in [".env", "deploy/.env", ".venv/bin/python", ".git/config", "index.sqlite"]:
        assert dockerignored(path, patterns), path
    assert not dockerignored("bot/cli.py", patterns)


@pytest.mark.skipif(shutil.which("hadolint") is None, reason="hadolint is not installed")
def test_dockerfile_passes_hadolint():
    result = subprocess.run(
        ["hadolint", "--no-color", str(DEPLOY / "Dockerfile")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ---- compose and Caddy --------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def test_compose_bot_has_env_file_restart_and_read_only_root(compose):
    bot = compose["services"]["bot"]
    env_files = bot["env_file"] if isinstance(bot["env_file"], list) else [bot["env_file"]]
    assert ".env" in env_files
    assert bot["restart"] == "unless-stopped"
    assert bot["read_only"] is True
    assert "/tmp" in bot["tmpfs"]


def test_compose_has_one_writable_named_volume_for_the_index(compose):
    volumes = compose["services"]["bot"]["volumes"]
    writable = [v for v in volumes if not v.endswith(":ro")]
    assert writable == ["index:/var/lib/chronobot"]
    assert "index" in compose["volumes"]


def test_compose_mounts_the_data_read_only_over_the_image_copy(compose):
    volumes = compose["services"]["bot"]["volumes"]
    data = [v for v in volumes if ":/app/data" in v]
    assert len(data) == 1 and data[0].endswith(":ro")
    host_path = data[0].split(":")[0]
    assert (DEPLOY / host_path / "events.yaml").is_file()


def test_compose_builds_from_the_repository_with_the_deploy_dockerfile(compose):
    build = compose["services"]["bot"]["build"]
    assert (DEPLOY / build["context"] / build["dockerfile"]).resolve() == DEPLOY / "Dockerfile"


def test_compose_webhook_block_uncommented_is_valid_and_uses_the_caddyfile():
    text = uncomment_webhook_blocks((DEPLOY / "compose.yaml").read_text())
    compose = yaml.safe_load(text)
    caddy = compose["services"]["caddy"]
    assert "443:443" in caddy["ports"]
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in caddy["volumes"]
    assert {"index", "caddy_data", "caddy_config"} <= set(compose["volumes"])
    assert compose["services"]["bot"]["read_only"] is True


def test_caddyfile_forwards_to_the_bots_webhook_port():
    caddyfile = (DEPLOY / "Caddyfile").read_text()
    port = re.search(r"^# CHRONOBOT_PORT=(\d+)$", (DEPLOY / ".env.example").read_text(), re.M)
    assert port, ".env.example should show the default CHRONOBOT_PORT"
    assert f"dynamic a bot {port.group(1)}" in caddyfile
    assert "{$CHRONOBOT_DOMAIN}" in caddyfile


@pytest.mark.skipif(shutil.which("caddy") is None, reason="caddy is not installed")
def test_caddyfile_is_valid_for_caddy(tmp_path):
    result = subprocess.run(
        ["caddy", "adapt", "--config", str(DEPLOY / "Caddyfile"), "--adapter", "caddyfile"],
        capture_output=True,
        text=True,
        env={**os.environ, "CHRONOBOT_DOMAIN": "bot.example.org", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert '"bot.example.org"' in result.stdout


# ---- systemd ------------------------------------------------------------------------------


def test_unit_is_hardened_and_reloads_with_sighup():
    expected = {
        "DynamicUser": "yes",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "NoNewPrivileges": "yes",
        "StateDirectory": "chronobot",
        "CapabilityBoundingSet": "",
        "Restart": "on-failure",
        "EnvironmentFile": "/etc/chronobot/chronobot.env",
        "ExecReload": "/bin/kill -HUP $MAINPID",
        "ExecStart": f"{UNIT_BINARY} serve",
        "ExecStartPre": f"{UNIT_BINARY} check",
    }
    for key, value in expected.items():
        assert unit_values(key) == [value], key
    assert "@system-service" in unit_values("SystemCallFilter")
    assert set(unit_values("RestrictAddressFamilies")[0].split()) <= {
        "AF_INET",
        "AF_INET6",
        "AF_UNIX",
    }


def test_unit_keeps_the_index_in_its_state_directory():
    environment = unit_values("Environment")
    assert "CHRONOBOT_INDEX=%S/chronobot/index.sqlite" in environment


@pytest.fixture
def testable_unit(tmp_path) -> Path:
    """The unit with its binary replaced by an executable that exists on this machine."""
    binary = tmp_path / "chronobot"
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    unit = tmp_path / "chronobot.service"
    unit.write_text(UNIT.read_text().replace(UNIT_BINARY, str(binary)))
    return unit


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd is not installed")
def test_unit_passes_systemd_analyze_verify(testable_unit):
    result = subprocess.run(
        ["systemd-analyze", "verify", str(testable_unit)], capture_output=True, text=True
    )
    # verify exits 0 on unknown keys too, only warning about them: any output is a finding.
    assert result.returncode == 0 and not (result.stdout + result.stderr).strip(), (
        result.stdout + result.stderr
    )


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd is not installed")
def test_unit_exposure_score_is_low(testable_unit):
    # --threshold counts tenths: fail if systemd rates the sandbox worse than 2.0 of 10.
    result = subprocess.run(
        ["systemd-analyze", "security", "--offline=yes", "--threshold=20", str(testable_unit)],
        capture_output=True,
        text=True,
    )
    if "unrecognized option" in result.stderr:
        pytest.skip("systemd-analyze security --offline needs systemd 250 or later")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr


# ---- settings -----------------------------------------------------------------------------


def test_env_example_lists_every_setting_the_code_reads():
    listed = {m.group(1) for line in env_example_lines() if (m := ASSIGNMENT.match(line))}
    missing = settings_read_by_code() - listed
    assert not missing, f"add to deploy/.env.example: {sorted(missing)}"


def test_env_example_comments_every_setting():
    lines = env_example_lines()
    for number, line in enumerate(lines):
        if not ASSIGNMENT.match(line):
            continue
        before = number - 1
        while before >= 0 and ASSIGNMENT.match(lines[before]):
            before -= 1  # settings documented together (listen address and port)
        comment = lines[before] if before >= 0 else ""
        assert comment.startswith("# ") and not comment.startswith("# ---"), line


def test_env_example_is_plain_name_value_lines():
    # Read by both systemd (EnvironmentFile) and Compose (env_file): keep to the common subset.
    for line in env_example_lines():
        if line.startswith("#") or not line.strip():
            continue
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*=[^\s\"']*", line), line


def test_env_example_sets_only_the_token_so_image_and_unit_paths_stay_in_force():
    # An uncommented empty CHRONOBOT_DATA= would override the Docker image's ENV with "".
    active = [line.split("=")[0] for line in env_example_lines() if re.match(r"[A-Z]", line)]
    assert active == ["TELEGRAM_BOT_TOKEN"]


# ---- pinned dependencies ------------------------------------------------------------------


def locked_versions() -> dict[str, str]:
    pins = {}
    for line in (DEPLOY / "requirements.lock").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, separator, version = line.partition("==")
        assert separator and version and " " not in line, f"not an exact pin: {line}"
        pins[canonicalize_name(name)] = version
    return pins


def runtime_requirements() -> list[Requirement]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return [Requirement(text) for text in pyproject["project"]["dependencies"]]


def test_lock_pins_every_runtime_dependency_within_its_range():
    pins = locked_versions()
    for requirement in runtime_requirements():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in deploy/requirements.lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{name}=={pins[name]} is outside {requirement.specifier}"
        )


def test_lock_has_no_test_or_bench_tools():
    assert not set(locked_versions()) & {"pytest", "hypothesis", "ruff", "matplotlib", "aiohttp"}


def test_lock_includes_what_locked_packages_require():
    """Closure check against installed metadata, for packages installed at the locked version."""
    from importlib import metadata

    pins = locked_versions()
    environment = {"python_version": "3.11", "python_full_version": "3.11.0"}
    wanted = [(r, set(r.extras)) for r in runtime_requirements()]
    seen: set[tuple[str, frozenset[str]]] = set()
    checked = 0
    while wanted:
        requirement, extras = wanted.pop()
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} (needed at run time) is not locked"
        if (name, frozenset(extras)) in seen:
            continue
        seen.add((name, frozenset(extras)))
        try:
            installed = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        if canonicalize_name(installed.version) != canonicalize_name(pins[name]):
            continue  # this virtualenv has another version: its metadata says nothing here
        checked += 1
        for text in installed.requires or []:
            dependency = Requirement(text)
            marker = dependency.marker
            if marker is None or any(
                marker.evaluate({**environment, "extra": extra}) for extra in extras or {""}
            ):
                wanted.append((dependency, set(dependency.extras)))
    if not checked:
        pytest.skip("no locked package is installed at its locked version")


# ---- the commands the image and the unit run ----------------------------------------------


def run_chronobot(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_image_build_and_healthcheck_commands_work_on_the_bundled_data(tmp_path):
    """What `docker build` (chronobot index) and HEALTHCHECK/ExecStartPre (check) run."""
    dockerfile = dockerfile_instructions((DEPLOY / "Dockerfile").read_text())
    index_run = next(a for k, a in dockerfile if k == "RUN" and "chronobot index" in a)
    index_args = shlex.split(index_run)[1:]
    index_args = [
        str(ROOT / "data" / "events.yaml") if arg == "/app/data/events.yaml" else arg
        for arg in index_args
    ]
    db = tmp_path / "state" / "index.sqlite"
    index_args = [
        str(db) if arg == "/var/lib/chronobot/index.sqlite" else arg for arg in index_args
    ]
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CHRONOBOT_", "TELEGRAM_"))
    }
    env |= {"HOME": str(tmp_path), "CHRONOBOT_DATA": str(ROOT / "data" / "events.yaml")}
    db.parent.mkdir()

    built = run_chronobot(*index_args, env=env)
    assert built.returncode == 0, built.stderr
    assert db.is_file()

    checked = run_chronobot(
        "check", env=env | {"CHRONOBOT_INDEX": str(db), "TELEGRAM_BOT_TOKEN": FAKE_TOKEN}
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert len(checked.stdout.strip().splitlines()) == 1
    assert FAKE_TOKEN not in checked.stdout + checked.stderr
    assert FAKE_TOKEN.split(":")[1] not in checked.stdout + checked.stderr


def test_check_reports_unhealthy_without_a_token(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CHRONOBOT_", "TELEGRAM_"))
    }
    env |= {"HOME": str(tmp_path), "CHRONOBOT_INDEX": str(tmp_path / "index.sqlite")}
    checked = run_chronobot("check", env=env)
    assert checked.returncode == 1
    assert "TELEGRAM_BOT_TOKEN" in checked.stdout + checked.stderr


def test_deploy_guide_names_only_real_settings_and_files():
    guide = (DEPLOY / "README.md").read_text()
    listed = {m.group(1) for line in env_example_lines() if (m := ASSIGNMENT.match(line))}
    assert set(SETTING.findall(guide)) <= listed
    for name in re.findall(r"\]\(([\w.]+)\)", guide):
        assert (DEPLOY / name).is_file(), name
