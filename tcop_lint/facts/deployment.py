"""Deployment and infrastructure kept as code: which kinds a repository holds, and where.

Detection is by name first (``*.tf``, ``Chart.yaml``, ``Dockerfile``, ``fly.toml``...). Files
whose names are generic (``template.yaml``, ``manifest.yml``, ``app.yaml``, Kubernetes
manifests) are confirmed by their content, and only candidates are read: YAML/JSON under
folders where deployment code lives (``k8s/``, ``deploy/``, ``openshift/``, ``infra/``,
``arm/``...) or with names that suggest it. Content checks are regular expressions over the
text, not YAML parsing, because CloudFormation's short tags (``!Ref``) and Helm's Go
templates are not plain YAML. An ARM template is known by its ``$schema``, a deployment
template of any scope (resource group, subscription, management group, tenant).

Content is matched with RE2 (linear in the file's size, whatever it holds), each search
behind a plain substring test so that most files cost one ``in``; file names, which are at
most 255 bytes, with Python's ``re``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from posixpath import dirname

from tcop_lint.facts.vendored import is_vendored
from tcop_lint.regex import LinearPattern, linear_re
from tcop_lint.repository import Repository

# Folders whose YAML/JSON files are worth opening to look for manifests and templates.
_DEPLOY_DIRS = frozenset(
    {
        "k8s",
        ".k8s",
        "kubernetes",
        "kube",
        "deploy",
        "deployment",
        "deployments",
        "manifests",
        "openshift",
        ".openshift",
        "charts",
        "chart",
        "helm",
        "kustomize",
        "overlays",
        "argocd",
        "argo",
        "gitops",
        "flux",
        "clusters",
        "cloudformation",
        "cfn",
        "infra",
        "infrastructure",
        "iac",
        "aws",
        "azure",
        "arm",
        "stacks",
        "templates",
        "ops",
        "devops",
    }
)
_MAX_NAME = 255
_CANDIDATE_NAME = re.compile(
    r"(?:.*[-_.])?(?:template|stack|cfn|cloudformation|sam|k8s|kube|kubernetes|openshift"
    r"|deployment|service|ingress|statefulset|daemonset|cronjob|route)s?(?:[-_.].*)?"
    r"\.(?:ya?ml|json|template)|.*\.template"
)
_CANDIDATE_EXTENSIONS = (".yml", ".yaml", ".json", ".template")

_CFN = linear_re(r"""(?m)^\s*["']?AWSTemplateFormatVersion["']?\s*:""")
_SAM = linear_re(r"""(?m)^\s*["']?Transform["']?\s*:\s*\[?\s*["']?AWS::Serverless""")
_CFN_RESOURCES = linear_re(r"(?m)^Resources:\s*$")
_CFN_TYPE = linear_re(r"""(?m)^\s+["']?Type["']?\s*:\s*["']?AWS::\w+::""")
# Every deployment scope: deploymentTemplate, subscriptionDeploymentTemplate,
# managementGroupDeploymentTemplate, tenantDeploymentTemplate; any case.
_ARM = linear_re(
    r"(?i)schema\.management\.azure\.com/schemas/[^\"'\s]*deploymentTemplate\.json"
)
_K8S_API = linear_re(r"""(?m)^["']?apiVersion["']?\s*:\s*["']?([\w./-]+)""")
_K8S_KIND = linear_re(r"""(?m)^["']?kind["']?\s*:\s*["']?(\w+)""")
_JSON_API = linear_re(r'"apiVersion"\s*:\s*"([\w./-]+)"')
_JSON_KIND = linear_re(r'"kind"\s*:\s*"(\w+)"')
_OPENSHIFT_KINDS = frozenset(
    {
        "Template",
        "DeploymentConfig",
        "BuildConfig",
        "ImageStream",
        "ImageStreamTag",
        "Route",
    }
)
_APPLICATIONS = linear_re(r"(?m)^applications:")
_RUNTIME = linear_re(r"(?m)^runtime:\s*\S")
_ANSIBLE_PLAY = linear_re(r"(?m)^(?:- +|\s+)hosts:\s*\S")
_TOP_LIST = linear_re(r"(?m)^- ")
_AZD_SERVICES = linear_re(r"(?m)^services:")
_KAMAL = (linear_re(r"(?m)^service:"), linear_re(r"(?m)^image:"))
_HEROKU_KEYS = frozenset({"buildpacks", "formation", "addons", "stack", "environments"})

KINDS = (
    "Terraform",
    "Terragrunt",
    "AWS CloudFormation",
    "AWS SAM",
    "AWS CDK",
    "CDK for Terraform",
    "Pulumi",
    "Azure Bicep",
    "Azure Resource Manager template",
    "Azure Developer CLI",
    "Packer",
    "Helm chart",
    "Kubernetes manifests",
    "OpenShift templates and manifests",
    "Kustomize",
    "Dockerfile",
    "Docker Compose",
    "Cloud Foundry manifest",
    "Serverless Framework",
    "Ansible",
    "AWS Copilot",
    "AWS Elastic Beanstalk",
    "AWS CodeDeploy",
    "Google App Engine",
    "Heroku",
    "Procfile",
    "Fly.io",
    "Render",
    "Netlify",
    "Vercel",
    "Platform.sh",
    "DigitalOcean App Platform",
    "Kamal",
    "Nomad",
)
"""Every kind of deployment code, in the order evidence lists them."""


def deployment_kinds(repo: Repository) -> dict[str, list[str]]:
    """Each kind of deployment code found, with its paths (shallowest first)."""
    return repo.memo("deployment.deployment_kinds", lambda: _Found(repo).detect())


def _has(text: str, literal: str, pattern: LinearPattern) -> bool:
    """Whether ``pattern`` (which needs ``literal``) is in ``text``: most texts fail the
    substring test and are never given to RE2."""
    return literal in text and pattern.search(text) is not None


def _has_folded(text: str, literal: str) -> bool:
    """Whether ``literal`` (lower case) is in ``text`` in any case, without copying a text
    that holds it as written."""
    return literal in text or literal in text.lower()


def _order(paths: list[str]) -> list[str]:
    return sorted(set(paths), key=lambda p: (p.count("/"), p))


class _Found:
    """The kinds found so far, as each detector adds its paths."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.found: dict[str, list[str]] = {}

    def add(self, kind: str, paths: list[str]) -> None:
        paths = [p for p in paths if not is_vendored(p)]
        if paths:
            self.found[kind] = _order(self.found.get(kind, []) + paths)

    def named(self, pattern: str) -> list[str]:
        return self.repo.by_name_matching(pattern)

    def confirmed(self, paths: list[str], test: Callable[[str], bool]) -> list[str]:
        read = self.repo.read_text
        return [p for p in paths if not is_vendored(p) and test(read(p) or "")]

    def detect(self) -> dict[str, list[str]]:
        self._infrastructure()
        self._containers_and_manifests()
        self._platforms()
        return self.found

    def _infrastructure(self) -> None:
        repo, add, named = self.repo, self.add, self.named
        add("Terraform", [*repo.by_extension(".tf"), *named(r".+\.tf\.json")])
        add("Terragrunt", repo.by_name("terragrunt.hcl"))
        add("AWS CDK", repo.by_name("cdk.json"))
        add("CDK for Terraform", repo.by_name("cdktf.json"))
        add("Pulumi", repo.by_name("Pulumi.yaml", "Pulumi.yml"))
        add("Azure Bicep", repo.by_extension(".bicep"))
        add("Azure Resource Manager template", named(r"azuredeploy(\.[\w-]+)?\.json"))
        add(
            "Azure Developer CLI",
            self.confirmed(
                repo.by_name("azure.yaml", "azure.yml"),
                lambda text: _has(text, "services:", _AZD_SERVICES),
            ),
        )
        add("Packer", named(r".+\.pkr\.(hcl|json)"))
        charts = repo.by_name("Chart.yaml")
        add("Helm chart", charts)
        add("AWS SAM", repo.by_name("samconfig.toml"))
        for kind, paths in _candidates(repo, {dirname(c) for c in charts}).items():
            add(kind, paths)

    def _containers_and_manifests(self) -> None:
        repo, add, named = self.repo, self.add, self.named
        add(
            "Kustomize",
            repo.by_name("kustomization.yaml", "kustomization.yml", "Kustomization"),
        )
        add("Kubernetes manifests", repo.by_name("skaffold.yaml", "skaffold.yml"))
        add(
            "Dockerfile",
            named(
                r"(dockerfile|containerfile)([.-][\w.-]+)?"
                r"|[\w.-]+\.(dockerfile|containerfile)"
            ),
        )
        add("Docker Compose", named(r"(docker-)?compose([.-][\w.-]+)?\.ya?ml"))
        manifests = named(r"manifest([-_.][\w.-]+)?\.ya?ml")
        copilot = [
            p for p in manifests if re.search(r"(^|/)copilot/[^/]+/manifest\.ya?ml$", p)
        ]
        workspace = repo.find("copilot/.workspace")
        add("AWS Copilot", [*copilot, *([workspace] if workspace else [])])
        add(
            "Cloud Foundry manifest",
            self.confirmed(
                [p for p in manifests if p not in copilot],
                lambda text: _has(text, "applications:", _APPLICATIONS),
            ),
        )
        add("Serverless Framework", named(r"serverless\.(ya?ml|json|ts|js)"))
        add("Ansible", _ansible(repo))

    def _platforms(self) -> None:
        repo, add = self.repo, self.add
        add(
            "AWS Elastic Beanstalk",
            [
                *repo.under(".ebextensions"),
                *repo.under(".elasticbeanstalk"),
                *repo.by_name("Dockerrun.aws.json"),
            ],
        )
        add("AWS CodeDeploy", repo.by_name("appspec.yml", "appspec.yaml"))
        add(
            "Google App Engine",
            self.confirmed(
                repo.by_name("app.yaml", "app.yml"),
                lambda text: _has(text, "runtime:", _RUNTIME),
            ),
        )
        add("Heroku", [*repo.by_name("heroku.yml"), *_heroku_app_json(repo)])
        add("Procfile", repo.by_name("Procfile"))
        add("Fly.io", repo.by_name("fly.toml"))
        add("Render", repo.by_name("render.yaml"))
        add("Netlify", repo.by_name("netlify.toml"))
        add("Vercel", repo.by_name("vercel.json"))
        add("Platform.sh", repo.by_name(".platform.app.yaml"))
        add(
            "DigitalOcean App Platform",
            [p for p in repo.in_directory(".do") if p.endswith((".yaml", ".yml"))],
        )
        add(
            "Kamal",
            self.confirmed(
                [
                    p
                    for p in repo.by_name("deploy.yml")
                    if p.endswith("config/deploy.yml")
                ],
                _kamal,
            ),
        )
        add("Nomad", self.named(r".+\.nomad(\.hcl)?"))


def _kamal(text: str) -> bool:
    return _has(text, "service:", _KAMAL[0]) and _has(text, "image:", _KAMAL[1])


def _candidates(repo: Repository, chart_dirs: set[str]) -> dict[str, list[str]]:
    """Open the YAML/JSON files that may be templates or manifests and classify each."""
    hits: dict[str, list[str]] = {}
    # folder -> (left out, a deployment folder), decided once per folder
    folders: dict[str, tuple[bool, bool]] = {}
    for path in repo.by_extension(*_CANDIDATE_EXTENSIONS):
        folder, _, name = path.rpartition("/")
        if folder not in folders:
            # the checks take a file's path: ask them about a file in this folder
            inside = f"{folder}/x" if folder else "x"
            folders[folder] = (
                is_vendored(inside) or _in_chart_templates(inside, chart_dirs),
                not _DEPLOY_DIRS.isdisjoint(folder.lower().split("/")),
            )
        left_out, deployment_folder = folders[folder]
        if left_out or not (deployment_folder or _candidate_name(name)):
            continue
        kind = classify(path, repo.read_text(path))
        if kind:
            hits.setdefault(kind, []).append(path)
    return hits


def _candidate_name(name: str) -> bool:
    return (
        len(name) <= _MAX_NAME and _CANDIDATE_NAME.fullmatch(name.lower()) is not None
    )


def _in_chart_templates(path: str, chart_dirs: set[str]) -> bool:
    """Files in a Helm chart's templates/ are Go templates; the chart is the evidence."""
    return any(
        path.startswith(f"{chart}/templates/" if chart else "templates/")
        for chart in chart_dirs
    )


def classify(path: str, text: str | None) -> str | None:
    """The kind of deployment code a YAML/JSON file holds, judged by its content."""
    if not text:
        return None
    if _has(text, "AWS::Serverless", _SAM):
        return "AWS SAM"
    if _has(text, "AWSTemplateFormatVersion", _CFN) or (
        _has(text, "Resources:", _CFN_RESOURCES) and _has(text, "AWS::", _CFN_TYPE)
    ):
        return "AWS CloudFormation"
    if _has_folded(text, "management.azure.com") and _ARM.search(text):
        return "Azure Resource Manager template"
    if "apiVersion" not in text or "kind" not in text:
        return None
    is_json = path.lower().endswith(".json")
    apis = (_JSON_API if is_json else _K8S_API).findall(text)
    kinds = set((_JSON_KIND if is_json else _K8S_KIND).findall(text))
    if not apis or not kinds or "backstage.io/" in apis[0].lower():
        return None
    if kinds & _OPENSHIFT_KINDS or "openshift" in path.lower():
        return "OpenShift templates and manifests"
    return "Kubernetes manifests"


_ROLE_TASKS = re.compile(r"(^|/)roles/[^/]+/tasks/[^/]+\.ya?ml$")
_PLAYBOOK_FOLDER = re.compile(r"/(?:ansible|playbooks?)/")
_PLAYBOOK_NAME = re.compile(r"(playbook|site|provision)[\w.-]*\.ya?ml")


def _ansible(repo: Repository) -> list[str]:
    found = [*repo.by_name("ansible.cfg")]
    yaml_files = repo.by_extension(".yml", ".yaml")
    found += [p for p in yaml_files if "roles/" in p and _ROLE_TASKS.search(p)]
    for path in yaml_files:
        folder, _, name = path.lower().rpartition("/")
        if len(name) > _MAX_NAME:
            continue
        if (
            _PLAYBOOK_FOLDER.search(f"/{folder}/") or _PLAYBOOK_NAME.fullmatch(name)
        ) and "/roles/" not in f"/{path}":
            text = repo.read_text(path) or ""
            if _has(text, "- ", _TOP_LIST) and _has(text, "hosts:", _ANSIBLE_PLAY):
                found.append(path)
    return found


def _heroku_app_json(repo: Repository) -> list[str]:
    found = []
    for path in repo.by_name("app.json"):
        if is_vendored(path):
            continue
        data = repo.parsed(path, "json").data
        if isinstance(data, dict) and "expo" not in data and _HEROKU_KEYS & set(data):
            found.append(path)
    return found
