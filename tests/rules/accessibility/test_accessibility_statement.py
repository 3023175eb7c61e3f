"""TC0203 accessibility-statement."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import run_rule

from . import ATTEST_HINT, HMRC_PLAY_FRONTEND, evidence, findings


def test_statement_missing_warns_with_the_attestation_hint(make_repo):
    root = make_repo(
        {
            "src/App.tsx": "export const App = () => <main />\n",
            "src/App.accessibility.test.tsx": "it('has no violations', () => {})\n",
            "a11y/accessibility.spec.ts": "test('a11y', () => {})\n",
            "src/hooks/accessibility.ts": "export const useFocus = () => {}\n",
            "docs/accessibility-testing.md": "# How we test with axe\n",
        }
    )

    result = run_rule(root, "TC0203")

    assert result.outcome == "warn"
    assert findings(result) == [
        (
            "no accessibility statement found for the front end (src/App.tsx (JSX/TSX "
            "components)): add an accessibility statement page (e.g. "
            "accessibility-statement.html, based on the GOV.UK sample statement) and link it "
            "from every page footer" + ATTEST_HINT,
            "src/App.tsx",
            None,
        )
    ]


def test_statement_attested_elsewhere_passes(make_repo):
    today = dt.date.today().isoformat()
    root = make_repo(
        {
            "src/App.tsx": "export const App = () => <main />\n",
            ".tcop-lint.yml": (
                "attestations:\n  accessibility-statement:\n"
                "    evidence: https://www.example.gov.uk/accessibility\n"
                f"    reviewed: {today}\n"
            ),
        }
    )

    result = run_rule(root, "TC0203")

    assert result.outcome == "pass"
    assert evidence(result) == [
        (
            ".tcop-lint.yml",
            f"attestation: https://www.example.gov.uk/accessibility (reviewed {today})",
        )
    ]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            {"app/accessibility/page.tsx": "export default function Page() {}\n"},
            ("app/accessibility/page.tsx", "accessibility statement page"),
        ),
        (
            {"src/pages/AccessibilityStatement.tsx": "export default () => <main/>\n"},
            ("src/pages/AccessibilityStatement.tsx", "accessibility statement page"),
        ),
        (
            {"docs/Accessibility.md": "# Accessibility statement\n"},
            ("docs/Accessibility.md", "accessibility statement page"),
        ),
        (
            {
                "config/routes.rb": "Rails.application.routes.draw do\n  get '/accessibility', to: 'pages#accessibility'\nend\n"
            },
            ("config/routes.rb", "route to an accessibility statement (line 2)"),
        ),
        (
            {
                "app/controllers/AccessibilityStatementController.scala": "class AccessibilityStatementController\n"
            },
            (
                "app/controllers/AccessibilityStatementController.scala",
                "accessibility statement page",
            ),
        ),
        (
            {"app/accessibility_helper.py": "def helper(): ...\n"},
            None,
        ),
        (
            {
                "src/components/Footer.jsx": 'export const Footer = () => <a href="https://www.example.gov.uk/accessibility">Accessibility</a>\n'
            },
            (
                "src/components/Footer.jsx",
                "links to an accessibility statement (line 1)",
            ),
        ),
    ],
)
def test_statement_found(make_repo, extra, expected):
    root = make_repo({"src/App.tsx": "export const App = () => <main />\n", **extra})

    result = run_rule(root, "TC0203")

    assert result.outcome == ("pass" if expected else "warn")
    assert evidence(result) == ([expected] if expected else [])


def test_templates_under_a_jvm_package_named_example_are_a_front_end(make_repo):
    """Below ``src/main/<language>/`` folders are a package name (``uk/gov/example``), not
    an example folder to leave out."""
    root = make_repo(
        {
            "src/main/twirl/uk/gov/example/views/Layout.scala.html": (
                '@(content: Html)\n<!DOCTYPE html>\n<html lang="en"><body>@content</body></html>\n'
            ),
        }
    )
    result = run_rule(root, "TC0203")
    assert result.outcome == "warn"
    assert (
        result.findings[0].path
        == "src/main/twirl/uk/gov/example/views/Layout.scala.html"
    )


def test_play_frontend_without_a_statement_is_told_the_service_path(make_repo):
    conf = HMRC_PLAY_FRONTEND["conf/application.conf"].split("accessibility")[0]
    root = make_repo({**HMRC_PLAY_FRONTEND, "conf/application.conf": conf})

    result = run_rule(root, "TC0203")

    assert findings(result) == [
        (
            "no accessibility statement found for the front end "
            "(app/views/HelloWorldPage.scala.html (Twirl templates)): set "
            'accessibility-statement.service-path = "/your-service" in conf/application.conf, '
            "so the HMRC footer links your statement on accessibility-statement-frontend, or "
            "add an accessibility statement page (e.g. accessibility-statement.html, based on "
            "the GOV.UK sample statement) and link it from every page footer"
            + ATTEST_HINT,
            "app/views/HelloWorldPage.scala.html",
            None,
        )
    ]


def test_play_routes_with_an_accessibility_route(make_repo):
    conf = HMRC_PLAY_FRONTEND["conf/application.conf"].split("accessibility")[0]
    root = make_repo(
        {
            **HMRC_PLAY_FRONTEND,
            "conf/application.conf": conf,
            "conf/app.routes": (
                "# GET /accessibility  commented out\n"
                "GET  /hello                    controllers.HelloWorldController.helloWorld\n"
                "GET  /accessibility-statement  controllers.AccessibilityController.onPageLoad\n"
            ),
        }
    )

    result = run_rule(root, "TC0203")

    assert evidence(result) == [
        ("conf/app.routes", "route to an accessibility statement (line 3)")
    ]


def test_a_design_systems_example_footer_is_no_statement_link(make_repo):
    """ONS's design system ships example footers that link a statement: they show how,
    they are not this repository's statement."""
    link = '<footer><a href="/accessibility-statement">Accessibility statement</a></footer>\n'
    root = make_repo(
        {
            "src/components/footer/_macro.njk": "{% macro footer() %}{% endmacro %}\n",
            "src/components/footer/example-footer-transactional.njk": link,
        }
    )
    assert run_rule(root, "TC0203").outcome == "warn"
    root = make_repo(
        {
            "src/components/footer/_macro.njk": "{% macro footer() %}{% endmacro %}\n",
            "src/layouts/footer.njk": link,
        }
    )
    assert evidence(run_rule(root, "TC0203")) == [
        ("src/layouts/footer.njk", "links to an accessibility statement (line 1)")
    ]
