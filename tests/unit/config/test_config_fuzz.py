"""Config files with every kind of mistake: the loader names the field, and never crashes."""

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets import DEFAULT_CATALOG, DEFAULT_SITE
from queue_server.config import ConfigError, load_site

SITE = yaml.safe_load(DEFAULT_SITE.read_text(encoding="utf-8"))

values = (
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.lists(st.integers(), max_size=3)
    | st.dictionaries(st.text(max_size=5), st.integers(), max_size=2)
)


def paths(node, prefix=()):
    """Every key path in the default site config."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*prefix, key)
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield (*prefix, i)
            yield from paths(value, (*prefix, i))


PATHS = sorted(paths(SITE), key=str)


def with_value(path, value):
    import copy

    data = copy.deepcopy(SITE)
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    # site.yaml is what is fuzzed: a catalog of one service a category is all it needs
    catalog = yaml.safe_load(DEFAULT_CATALOG.read_text(encoding="utf-8"))
    first = {}
    for service in catalog["services"]:
        first.setdefault(service["category"], service)
    catalog["services"] = list(first.values())
    (folder / "catalog.yaml").write_text(yaml.safe_dump(catalog, allow_unicode=True))
    return folder


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(path=st.sampled_from(PATHS), value=values)
def test_any_wrong_value_is_named_or_accepted(folder, path, value):
    site_yaml = folder / "site.yaml"
    site_yaml.write_text(
        yaml.safe_dump(with_value(path, value), allow_unicode=True), encoding="utf-8"
    )
    try:
        load_site(site_yaml)
    except ConfigError as exc:
        for problem in exc.problems:
            text = str(problem)
            assert text.startswith(("site.yaml", "catalog.yaml")), text
            assert ", " in text and ": " in text, text  # names where, then what


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=400))
def test_any_text_as_a_config_file_is_an_error_not_a_crash(folder, text):
    site_yaml = folder / "site.yaml"
    site_yaml.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_site(site_yaml)
