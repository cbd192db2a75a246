"""Settings: one declaration, four sources in a fixed order, clear errors, and every setting documented."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from sitroom.settings import SETTINGS, Settings, SettingsError, config_path, describe, env_name, load_settings

README = Path(__file__).resolve().parents[1] / "README.md"


def config(tmp_path: Path, body: str) -> dict[str, str]:
    path = tmp_path / "config.toml"
    path.write_text(body, encoding="utf-8")
    return {"SITROOM_CONFIG": str(path)}


def test_defaults_without_any_source(tmp_path: Path) -> None:
    settings = load_settings(env={"SITROOM_CONFIG": str(tmp_path / "missing.toml")})
    assert settings == Settings()
    assert (settings.batch_size, settings.near_duplicate_threshold, settings.db) == (32, 0.7, "sitroom.duckdb")


def test_config_file_beats_default(tmp_path: Path) -> None:
    settings = load_settings(env=config(tmp_path, 'batch_size = 8\ndb = "cfg.duckdb"\n'))
    assert (settings.batch_size, settings.db) == (8, "cfg.duckdb")
    assert settings.n_process == Settings().n_process


def test_env_beats_config_file(tmp_path: Path) -> None:
    env = config(tmp_path, "batch_size = 8\nnear_duplicate_threshold = 0.5\n") | {"SITROOM_BATCH_SIZE": "16"}
    settings = load_settings(env=env)
    assert (settings.batch_size, settings.near_duplicate_threshold) == (16, 0.5)


def test_flag_beats_env_and_config_file(tmp_path: Path) -> None:
    env = config(tmp_path, "batch_size = 8\n") | {"SITROOM_BATCH_SIZE": "16", "SITROOM_N_PROCESS": "2"}
    settings = load_settings({"batch_size": 4, "n_process": None}, env=env)
    assert (settings.batch_size, settings.n_process) == (4, 2)


def test_values_are_coerced_to_the_setting_type(tmp_path: Path) -> None:
    env = config(tmp_path, 'max_bytes = "2_000"\n') | {"SITROOM_NEAR_DUPLICATE_THRESHOLD": "0.9"}
    settings = load_settings({"batch_size": "12"}, env=env)
    assert (settings.batch_size, settings.max_bytes, settings.near_duplicate_threshold) == (12, 2000, 0.9)


def test_config_path_from_env_and_xdg(tmp_path: Path) -> None:
    assert config_path({"SITROOM_CONFIG": "/x/y.toml"}) == Path("/x/y.toml")
    assert config_path({"XDG_CONFIG_HOME": str(tmp_path)}) == tmp_path / "sitroom" / "config.toml"


@pytest.mark.parametrize(("overrides", "env_extra", "body", "name"), [
    ({}, {"SITROOM_BATCH_SIZE": "lots"}, "", "batch_size"),
    ({"n_process": "two"}, {}, "", "n_process"),
    ({}, {"SITROOM_NEAR_DUPLICATE_THRESHOLD": "high"}, "", "near_duplicate_threshold"),
    ({}, {}, 'max_bytes = "a megabyte"\n', "max_bytes"),
])
def test_bad_value_names_the_setting(tmp_path: Path, overrides, env_extra, body, name) -> None:
    with pytest.raises(SettingsError, match=name):
        load_settings(overrides, env=config(tmp_path, body) | env_extra)


def test_unknown_key_in_config_file(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="batchsize"):
        load_settings(env=config(tmp_path, "batchsize = 8\n"))


def test_unknown_override() -> None:
    with pytest.raises(SettingsError, match="colour"):
        load_settings({"colour": "red"}, env={})


def test_malformed_config_file_names_the_file(tmp_path: Path) -> None:
    env = config(tmp_path, "batch_size = = 8\n")
    with pytest.raises(SettingsError, match=re.escape(env["SITROOM_CONFIG"])):
        load_settings(env=env)


def test_settings_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().batch_size = 1  # type: ignore[misc]


def test_describe_covers_every_field_with_help() -> None:
    rows = describe()
    assert [row[0] for row in rows] == [field.name for field in dataclasses.fields(Settings)]
    for name, env, default, help_text in rows:
        assert env == env_name(name) == "SITROOM_" + name.upper()
        assert default == getattr(Settings(), name)
        assert help_text.strip(), f"setting {name} has no help text"


def test_every_setting_is_in_the_readme_settings_section() -> None:
    text = README.read_text(encoding="utf-8")
    heading = re.search(r"^#+ .*\b[Ss]ettings\b.*$", text, re.MULTILINE)
    assert heading, "README.md has no settings section"
    level = len(heading.group().split()[0])
    following = re.search(rf"^#{{1,{level}}} ", text[heading.end():], re.MULTILINE)
    section = text[heading.end():heading.end() + following.start()] if following else text[heading.end():]
    missing = [env_name(field.name) for field in SETTINGS if env_name(field.name) not in section]
    assert not missing, f"README.md's settings section does not mention {missing}"


def test_a_toml_array_for_a_text_setting_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="db"):
        load_settings(env=config(tmp_path, 'db = ["a", "b"]\n'))


@pytest.mark.parametrize(("name", "value"), [
    ("batch_size", "0"), ("n_process", "0"), ("max_bytes", "-1"), ("near_duplicate_threshold", "1.5"),
    ("near_duplicate_threshold", "nan"),
])
def test_out_of_range_value_names_the_setting(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        load_settings(env={env_name(name): value, "SITROOM_CONFIG": "/nonexistent/sitroom.toml"})
