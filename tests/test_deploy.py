"""The deployment files in deploy/ say what the code and the tools expect.

The image is really built and run by `test_image_builds_and_checks_healthy_in_a_container`
(podman, through deploy/ci-container.sh); the other tests check what a build cannot: what
goes into the build context, the compose file, the Caddyfile, the systemd unit (with
`systemd-analyze` when installed), the settings listed for users and the lock file.
"""

from __future__ import annotations

import fnmatch
import io
import os
import re
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


def test_dockerfile_has_no_remote_add(dockerfile):
    for keyword, args in dockerfile:
        assert keyword != "ADD" or not re.search(r"https?://|git@", args), args


def test_dockerignore_keeps_secrets_and_local_state_out():
    patterns = dockerignore_patterns()
    for path in [".env", "deploy/.env", ".venv/bin/python", ".git/config", "index.sqlite"]:
        assert dockerignored(path, patterns), path
    assert not dockerignored("bot/cli.py", patterns)


CONTAINER_TOOLS = ("podman", "buildah", "runc", "debootstrap")


def container_tools_missing() -> str | None:
    """Why the image cannot be built here, or None when it can."""
    missing = [tool for tool in CONTAINER_TOOLS if shutil.which(tool) is None]
    if missing:
        return f"{', '.join(missing)} not installed (.ci/run installs them)"
    if os.geteuid() != 0:
        return "building the stand-in base image needs root (debootstrap, chroot)"
    return None


@pytest.mark.slow
def test_image_builds_and_checks_healthy_in_a_container():
    """deploy/Dockerfile builds, and `chronobot check` passes inside the image: its own user,
    read-only root file system, no network, the index built into the image."""
    reason = container_tools_missing()
    if reason:
        if os.environ.get("CI_REQUIRE_CONTAINER"):  # CI: a skip would hide a broken image
            pytest.fail(f"the container check cannot run: {reason}")
        pytest.skip(reason)
    result = subprocess.run(
        [str(DEPLOY / "ci-container.sh")],
        capture_output=True,
        text=True,
        timeout=1200,
        env={**os.environ, "CI_CONTAINER_TOKEN": FAKE_TOKEN},
    )
    print(result.stderr.strip())  # the time each step took, shown with -s or on failure
    assert result.returncode == 0, result.stdout + result.stderr
    facts = dict(line.split(": ", 1) for line in result.stdout.strip().splitlines())
    assert facts["user"] == "10001:10001"  # numeric, so runAsNonRoot can tell
    assert facts["uid"] == "10001"
    assert facts["healthcheck"] == "[CMD chronobot check]"
    assert facts["stopsignal"] == "SIGTERM"
    assert "/var/lib/chronobot" in facts["volumes"]
    assert "8443/tcp" in facts["ports"]
    assert facts["entrypoint"] == "[chronobot] [serve]"
    # With the index volume ignored /var/lib is read-only: the index came with the image.
    for step in ("check (index from the image)", "check"):
        assert facts[step].startswith("ok: "), facts[step]
    assert FAKE_TOKEN.split(":")[1] not in result.stdout + result.stderr


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


def test_unit_runs_check_then_serve_and_reloads_with_sighup():
    # What the code expects of its service manager; the sandboxing is rated by
    # systemd-analyze below rather than restated here.
    expected = {
        "ExecReload": "/bin/kill -HUP $MAINPID",
        "ExecStart": f"{UNIT_BINARY} serve",
        "ExecStartPre": f"{UNIT_BINARY} check",
        "StateDirectory": "chronobot",
        "DynamicUser": "yes",
    }
    for key, value in expected.items():
        assert unit_values(key) == [value], key


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
