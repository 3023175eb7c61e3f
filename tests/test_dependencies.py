"""Declared dependencies, read from each manifest type in real git repositories."""

from __future__ import annotations

from tcop_lint.facts.dependencies import (
    Dependency,
    declared_dependencies,
    has_dependency,
)
from tcop_lint.repository import Repository


def deps(root) -> set[tuple[str, str, str, int]]:
    return {
        (d.name, d.ecosystem, d.manifest, d.line)
        for d in declared_dependencies(Repository(root))
    }


def test_package_json_all_sections(make_repo):
    root = make_repo(
        {
            "web/package.json": """{
  "name": "web",
  "dependencies": {
    "Express": "^4.19.0"
  },
  "devDependencies": {
    "jest": "^29"
  },
  "peerDependencies": {"react": "*"},
  "optionalDependencies": {
    "fsevents": "*"
  },
  "scripts": {"express": "node ."}
}
""",
            "node_modules/left-pad/package.json": '{"dependencies": {"x": "1"}}',
        }
    )
    assert deps(root) == {
        ("express", "npm", "web/package.json", 4),
        ("jest", "npm", "web/package.json", 7),
        ("react", "npm", "web/package.json", 9),
        ("fsevents", "npm", "web/package.json", 11),
    }


def test_invalid_package_json_declares_nothing(make_repo):
    root = make_repo({"package.json": '{"dependencies": {"express": '})
    assert deps(root) == set()


def test_requirements_files(make_repo):
    root = make_repo(
        {
            "requirements.txt": """# web
-r requirements/base.txt
-e git+https://github.com/x/y.git#egg=y
Flask>=2.3  # the app
flask_SQLAlchemy[async]==3.1 ; python_version >= "3.8"
    --hash=sha256:abc
https://example.org/pkg.tar.gz
mypkg @ https://example.org/mypkg.tar.gz

""",
            "requirements/base.txt": "gunicorn\n",
            "requirements-dev.txt": "pytest==8.0\n",
            ".venv/lib/requirements.txt": "ignored\n",
            "docs/notes.txt": "not-a-dependency\n",
        }
    )
    assert deps(root) == {
        ("flask", "pypi", "requirements.txt", 4),
        ("flask-sqlalchemy", "pypi", "requirements.txt", 5),
        ("mypkg", "pypi", "requirements.txt", 8),
        ("gunicorn", "pypi", "requirements/base.txt", 1),
        ("pytest", "pypi", "requirements-dev.txt", 1),
    }


def test_pyproject_pep621_poetry_and_groups(make_repo):
    root = make_repo(
        {
            "pyproject.toml": """[build-system]
requires = ["setuptools"]

[project]
name = "app"
dependencies = [
    "FastAPI>=0.110",
    "pydantic",
]

[project.optional-dependencies]
docs = ["mkdocs"]

[dependency-groups]
test = ["pytest>=8", {include-group = "lint"}]
lint = ["ruff"]

[tool.poetry.dependencies]
python = "^3.11"
Django = "^5.0"

[tool.poetry.group.dev.dependencies]
black = "*"
"""
        }
    )
    assert deps(root) == {
        ("fastapi", "pypi", "pyproject.toml", 7),
        ("pydantic", "pypi", "pyproject.toml", 8),
        ("mkdocs", "pypi", "pyproject.toml", 12),
        ("pytest", "pypi", "pyproject.toml", 15),
        ("ruff", "pypi", "pyproject.toml", 16),
        ("django", "pypi", "pyproject.toml", 20),
        ("black", "pypi", "pyproject.toml", 23),
    }


def test_invalid_pyproject_declares_nothing(make_repo):
    root = make_repo({"pyproject.toml": "[project\ndependencies = ['flask']\n"})
    assert deps(root) == set()


def test_pipfile_and_setup_cfg(make_repo):
    root = make_repo(
        {
            "Pipfile": """[[source]]
url = "https://pypi.org/simple"

[packages]
flask = "*"
"djangorestframework" = ">=3"

[dev-packages]
pytest = "*"
""",
            "lib/setup.cfg": """[metadata]
name = lib

[options]
install_requires =
    requests>=2
    Sinatra_Like ; python_version > "3"

[options.extras_require]
test = pytest-cov
""",
        }
    )
    assert deps(root) == {
        ("flask", "pypi", "Pipfile", 5),
        ("djangorestframework", "pypi", "Pipfile", 6),
        ("pytest", "pypi", "Pipfile", 9),
        ("requests", "pypi", "lib/setup.cfg", 6),
        ("sinatra-like", "pypi", "lib/setup.cfg", 7),
        ("pytest-cov", "pypi", "lib/setup.cfg", 10),
    }


def test_ruby_gemfile_and_gemspec(make_repo):
    root = make_repo(
        {
            "Gemfile": """source "https://rubygems.org"
gem "rails", "~> 7.1"
# gem "commented"
group :test do
  gem 'rspec-rails'
  gem("capybara")
end
""",
            "my_gem.gemspec": """Gem::Specification.new do |s|
  s.add_dependency "sinatra", ">= 3"
  s.add_runtime_dependency('rack')
  s.add_development_dependency "Rake"
end
""",
            "vendor/bundle/Gemfile": 'gem "ignored"\n',
        }
    )
    assert deps(root) == {
        ("rails", "rubygems", "Gemfile", 2),
        ("rspec-rails", "rubygems", "Gemfile", 5),
        ("capybara", "rubygems", "Gemfile", 6),
        ("sinatra", "rubygems", "my_gem.gemspec", 2),
        ("rack", "rubygems", "my_gem.gemspec", 3),
        ("rake", "rubygems", "my_gem.gemspec", 4),
    }


def test_pom_xml(make_repo):
    root = make_repo(
        {
            "service/pom.xml": """<project>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
  </parent>
  <dependencies>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-web</artifactId>
    </dependency>
    <!-- <dependency><groupId>x</groupId><artifactId>commented</artifactId></dependency> -->
    <dependency>
      <groupId>org.springdoc</groupId>
      <artifactId>springdoc-openapi-starter-webmvc-ui</artifactId>
      <version>2.5.0</version>
    </dependency>
  </dependencies>
</project>
"""
        }
    )
    assert deps(root) == {
        (
            "org.springframework.boot:spring-boot-starter-web",
            "maven",
            "service/pom.xml",
            9,
        ),
        (
            "org.springdoc:springdoc-openapi-starter-webmvc-ui",
            "maven",
            "service/pom.xml",
            14,
        ),
    }


def test_gradle_groovy_kotlin_and_catalog(make_repo):
    root = make_repo(
        {
            "build.gradle": """plugins { id 'java' }
dependencies {
    implementation 'org.springframework.boot:spring-boot-starter-web'
    testImplementation "org.junit.jupiter:junit-jupiter:5.10.0"
    implementation platform('org.springframework.cloud:spring-cloud-dependencies:2023.0.0')
    compileOnly group: 'org.projectlombok', name: 'lombok', version: '1.18.30'
    // implementation 'x:commented:1'
}
""",
            "app/build.gradle.kts": """dependencies {
    implementation("io.ktor:ktor-server-core:2.3.0")
    annotationProcessor("org.mapstruct:mapstruct-processor:1.5.5.Final")
}
""",
            "gradle/libs.versions.toml": """[versions]
boot = "3.2.0"

[libraries]
spring-web = { module = "org.springframework:spring-web", version.ref = "boot" }
guava = "com.google.guava:guava:33.0.0-jre"
junit = { group = "org.junit.jupiter", name = "junit-jupiter" }
""",
        }
    )
    assert deps(root) == {
        (
            "org.springframework.boot:spring-boot-starter-web",
            "maven",
            "build.gradle",
            3,
        ),
        ("org.junit.jupiter:junit-jupiter", "maven", "build.gradle", 4),
        (
            "org.springframework.cloud:spring-cloud-dependencies",
            "maven",
            "build.gradle",
            5,
        ),
        ("org.projectlombok:lombok", "maven", "build.gradle", 6),
        ("io.ktor:ktor-server-core", "maven", "app/build.gradle.kts", 2),
        ("org.mapstruct:mapstruct-processor", "maven", "app/build.gradle.kts", 3),
        ("org.springframework:spring-web", "maven", "gradle/libs.versions.toml", 5),
        ("com.google.guava:guava", "maven", "gradle/libs.versions.toml", 6),
        ("org.junit.jupiter:junit-jupiter", "maven", "gradle/libs.versions.toml", 7),
    }


def test_sbt_and_hmrc_app_dependencies(make_repo):
    root = make_repo(
        {
            "build.sbt": """lazy val root = (project in file("."))
  .enablePlugins(PlayScala)
libraryDependencies += "com.typesafe.play" %% "play-json" % "2.10.0"
// libraryDependencies += "x" %% "commented" % "1"
""",
            "project/plugins.sbt": (
                'addSbtPlugin("com.typesafe.play" % "sbt-plugin" % "2.9.1")\n'
            ),
            "project/AppDependencies.scala": """object AppDependencies {
  val compile = Seq(
    "uk.gov.hmrc"             %% "bootstrap-backend-play-30" % bootstrapVersion,
    "org.typelevel"           %% "cats-core"                 % "2.10.0"
  )
}
""",
            "app/Other.scala": '"not" %% "dependency" % "1"\n',
        }
    )
    assert deps(root) == {
        ("com.typesafe.play:play-json", "maven", "build.sbt", 3),
        ("com.typesafe.play:sbt-plugin", "maven", "project/plugins.sbt", 1),
        (
            "uk.gov.hmrc:bootstrap-backend-play-30",
            "maven",
            "project/AppDependencies.scala",
            3,
        ),
        ("org.typelevel:cats-core", "maven", "project/AppDependencies.scala", 4),
    }


def test_go_mod(make_repo):
    root = make_repo(
        {
            "go.mod": """module example.org/api

go 1.22

require github.com/gin-gonic/gin v1.9.1

require (
\tgithub.com/Go-Chi/chi/v5 v5.0.12
\t// a comment
\tgolang.org/x/net v0.20.0 // indirect
)
"""
        }
    )
    assert deps(root) == {
        ("github.com/gin-gonic/gin", "go", "go.mod", 5),
        ("github.com/go-chi/chi/v5", "go", "go.mod", 8),
        ("golang.org/x/net", "go", "go.mod", 10),
    }


def test_csproj_with_web_sdk(make_repo):
    root = make_repo(
        {
            "src/Api/Api.csproj": """<Project Sdk="Microsoft.NET.Sdk.Web">
  <ItemGroup>
    <PackageReference Include="Swashbuckle.AspNetCore" Version="6.5.0" />
    <PackageReference Version="8.0.0" Include="Microsoft.AspNetCore.OpenApi" />
  </ItemGroup>
</Project>
"""
        }
    )
    assert deps(root) == {
        ("microsoft.net.sdk.web", "nuget", "src/Api/Api.csproj", 1),
        ("swashbuckle.aspnetcore", "nuget", "src/Api/Api.csproj", 3),
        ("microsoft.aspnetcore.openapi", "nuget", "src/Api/Api.csproj", 4),
    }


def test_composer_cargo_and_mix(make_repo):
    root = make_repo(
        {
            "composer.json": """{
    "require": {
        "php": ">=8.1",
        "ext-json": "*",
        "Laravel/Framework": "^10.0"
    },
    "require-dev": {
        "phpunit/phpunit": "^10"
    }
}
""",
            "Cargo.toml": """[package]
name = "svc"

[dependencies]
axum = "0.7"
serde = { version = "1", features = ["derive"] }
web = { package = "actix-web", version = "4" }

[dev-dependencies]
tokio-test = "0.4"
""",
            "mix.exs": """defmodule App.MixProject do
  def project, do: [app: :app, deps: deps()]

  defp deps do
    [
      {:phoenix, "~> 1.7"},
      {:plug_cowboy, "~> 2.5"},
      {:local, path: "../local"}
    ]
  end
end
""",
        }
    )
    assert deps(root) == {
        ("laravel/framework", "composer", "composer.json", 5),
        ("phpunit/phpunit", "composer", "composer.json", 8),
        ("axum", "cargo", "Cargo.toml", 5),
        ("serde", "cargo", "Cargo.toml", 6),
        ("actix-web", "cargo", "Cargo.toml", 7),
        ("tokio-test", "cargo", "Cargo.toml", 10),
        ("phoenix", "hex", "mix.exs", 6),
        ("plug_cowboy", "hex", "mix.exs", 7),
        ("local", "hex", "mix.exs", 8),
    }


def test_has_dependency_wildcards_ecosystem_and_python_normalisation(make_repo):
    root = make_repo(
        {
            "requirements.txt": "Flask-Smorest\n",
            "Api.csproj": '<Project><PackageReference Include="Microsoft.AspNetCore.Mvc" />'
            "</Project>\n",
            "package.json": '{"dependencies": {"flask_smorest": "1"}}',
        }
    )
    repo = Repository(root)
    assert has_dependency(repo, "flask_smorest", ecosystem="pypi") == [
        Dependency("flask-smorest", "pypi", "requirements.txt", 1)
    ]
    assert has_dependency(repo, "MICROSOFT.ASPNETCORE.*") == [
        Dependency("microsoft.aspnetcore.mvc", "nuget", "Api.csproj", 1)
    ]
    assert [d.manifest for d in has_dependency(repo, "flask_smorest")] == [
        "package.json",
        "requirements.txt",
    ]
    assert has_dependency(repo, "django") == []
    # memoised: the same list object is returned for the run
    assert declared_dependencies(repo) is declared_dependencies(repo)


# -- linear in the manifest's size (issue 19) --------------------------------------------------


def test_lines_of_70000_package_json_dependencies_in_linear_time(make_repo):
    import time

    entries = ",\n".join(f'    "dep-{i:05d}": "1.0.0"' for i in range(70_000))
    root = make_repo(
        {
            "package.json": '{\n  "name": "x",\n  "dependencies": {\n'
            + entries
            + '\n  },\n  "devDependencies": {\n    "dep-00001": "2"\n  }\n}\n'
        }
    )
    started = time.monotonic()
    found = declared_dependencies(Repository(root))
    assert time.monotonic() - started < 3
    assert len(found) == 70_001
    assert found[0] == Dependency("dep-00000", "npm", "package.json", 4)
    assert Dependency("dep-69999", "npm", "package.json", 70_003) in found
    # the same name in a later section is placed in that section
    assert Dependency("dep-00001", "npm", "package.json", 70_006) in found


def test_json_keys_are_matched_as_keys_not_as_values(make_repo):
    root = make_repo(
        {
            "package.json": '{\n  "description": "needs \\"left-pad\\": it pads",\n'
            '  "scripts": {"lodash": "x"},\n'
            '  "dependencies": {\n    "left-pad": "1",\n    "lod\\u0061sh": "4"\n  }\n}\n',
            "composer.json": '{\n  "require": {\n    "Monolog/Monolog": "^3"\n  }\n}\n',
        }
    )
    assert deps(root) == {
        ("left-pad", "npm", "package.json", 5),
        ("lodash", "npm", "package.json", 6),
        ("monolog/monolog", "composer", "composer.json", 3),
    }


def test_python_names_are_placed_however_they_are_written(make_repo):
    root = make_repo(
        {
            "pyproject.toml": "# zope is not zope.interface\n[project]\nname = 'x'\n"
            "dependencies = [\n  'Zope.Interface>=5',\n  'flask__SQLAlchemy',\n"
            "  'zope',\n]\n"
        }
    )
    assert deps(root) == {
        ("zope-interface", "pypi", "pyproject.toml", 5),
        ("flask-sqlalchemy", "pypi", "pyproject.toml", 6),
        # "zope" is first mentioned, after [project], as the start of Zope.Interface
        ("zope", "pypi", "pyproject.toml", 5),
    }


def test_toml_keys_after_blank_lines_are_on_their_own_line(make_repo):
    root = make_repo(
        {
            "Cargo.toml": '[package]\nname = "x"\n\n[dependencies]\n\n\nserde = "1"\n'
            'tokio.version = "1"\n',
            "gradle/libs.versions.toml": "[libraries]\n\nokhttp.module = "
            '"com.squareup.okhttp3:okhttp"\n',
        }
    )
    assert deps(root) == {
        ("serde", "cargo", "Cargo.toml", 7),
        ("tokio", "cargo", "Cargo.toml", 8),
        ("com.squareup.okhttp3:okhttp", "maven", "gradle/libs.versions.toml", 3),
    }


def test_hostile_manifests_cost_linear_time(make_repo):
    import time

    root = make_repo(
        {
            "pom.xml": "<project>" + "<!--<dependency>" * 30_000 + "\n",
            "a/pom.xml": "<project>"
            + "<dependency><artifactId>x</artifactId>" * 30_000,
            "go.mod": "module x\n" + "require (\n" * 30_000,
            "x.csproj": "<Project>" + "<PackageReference " * 30_000,
            "Gemfile": "\n" * 200_000 + "gem",
            "pyproject.toml": "[project]\nname = 'x'\ndependencies = ['a"
            + ".a" * 100_000
            + "']\n",
            "Cargo.toml": '[package]\nname = "x"\n'
            + "\n" * 200_000
            + "[dependencies]\n"
            'serde = "1"\n',
            "project/Deps.scala": "val x = " + '"a" % "b" % "1", ' * 30_000 + "\n",
        }
    )
    started = time.monotonic()
    found = declared_dependencies(Repository(root))
    assert time.monotonic() - started < 3
    names = {(d.name, d.manifest) for d in found}
    assert ("serde", "Cargo.toml") in names
    assert ("a:b", "project/Deps.scala") in names
    assert not [d for d in found if d.manifest in ("pom.xml", "a/pom.xml", "go.mod")]
