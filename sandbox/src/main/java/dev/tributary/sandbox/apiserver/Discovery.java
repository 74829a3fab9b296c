package dev.tributary.sandbox.apiserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API server's discovery documents ({@code /api}, {@code /apis}, {@code /api/v1}, {@code
 * /apis/<group>/<version>}, {@code /version}), which kubectl reads before anything else: the
 * built-in kinds the operator and a user touch, and the kinds of the registered CRDs.
 */
final class Discovery {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  record Kind(
      String name,
      String singular,
      String kind,
      boolean namespaced,
      List<String> shortNames,
      List<String> categories,
      boolean status,
      boolean scale) {}

  private final Map<String, List<Kind>> byGroupVersion = new LinkedHashMap<>();

  /** Where a custom kind's scale subresource reads and writes, as JSON pointers. */
  record ScalePaths(String specReplicas, String statusReplicas, String labelSelector) {
    static ScalePaths of(
        io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceScale scale) {
      return new ScalePaths(
          pointer(scale.getSpecReplicasPath()),
          pointer(scale.getStatusReplicasPath()),
          pointer(scale.getLabelSelectorPath()));
    }

    private static String pointer(String jsonPath) {
      return jsonPath == null ? null : jsonPath.replace('.', '/');
    }
  }

  /** Scale subresources by plural name. */
  private final Map<String, ScalePaths> scales = new LinkedHashMap<>();

  /** Each custom kind's schema ({@code group/version/kind}), served for {@code kubectl explain}. */
  private final Map<String, Object> schemas = new LinkedHashMap<>();

  Discovery(List<CustomResourceDefinition> crds) {
    add("v1", kind("pods", "Pod", true, "po"));
    add("v1", kind("services", "Service", true, "svc"));
    add("v1", kind("configmaps", "ConfigMap", true, "cm"));
    add("v1", kind("secrets", "Secret", true));
    add("v1", kind("namespaces", "Namespace", false, "ns"));
    add("v1", kind("events", "Event", true, "ev"));
    add("v1", kind("persistentvolumeclaims", "PersistentVolumeClaim", true, "pvc"));
    add("v1", kind("serviceaccounts", "ServiceAccount", true, "sa"));
    add("apps/v1", kind("statefulsets", "StatefulSet", true, "sts"));
    add("apps/v1", kind("deployments", "Deployment", true, "deploy"));
    add("policy/v1", kind("poddisruptionbudgets", "PodDisruptionBudget", true, "pdb"));
    add("networking.k8s.io/v1", kind("networkpolicies", "NetworkPolicy", true, "netpol"));
    add("coordination.k8s.io/v1", kind("leases", "Lease", true));
    add("events.k8s.io/v1", kind("events", "Event", true, "ev"));
    add(
        "apiextensions.k8s.io/v1",
        kind("customresourcedefinitions", "CustomResourceDefinition", false, "crd", "crds"));
    for (CustomResourceDefinition crd : crds) {
      var names = crd.getSpec().getNames();
      for (var version : crd.getSpec().getVersions()) {
        var subresources = version.getSubresources();
        add(
            crd.getSpec().getGroup() + "/" + version.getName(),
            new Kind(
                names.getPlural(),
                names.getSingular(),
                names.getKind(),
                "Namespaced".equals(crd.getSpec().getScope()),
                names.getShortNames(),
                names.getCategories(),
                subresources != null && subresources.getStatus() != null,
                subresources != null && subresources.getScale() != null));
        if (subresources != null && subresources.getScale() != null) {
          scales.put(names.getPlural(), ScalePaths.of(subresources.getScale()));
        }
        schemas.put(
            crd.getSpec().getGroup() + "/" + version.getName() + "/" + names.getKind(),
            version.getSchema().getOpenAPIV3Schema());
      }
    }
  }

  /** The scale subresource of a custom kind, by plural name; null when it has none. */
  ScalePaths scale(String plural) {
    return scales.get(plural);
  }

  private static Kind kind(String name, String kind, boolean namespaced, String... shortNames) {
    return new Kind(
        name,
        kind.toLowerCase(java.util.Locale.ROOT),
        kind,
        namespaced,
        List.of(shortNames),
        List.of(),
        true,
        false);
  }

  private void add(String groupVersion, Kind kind) {
    byGroupVersion.computeIfAbsent(groupVersion, gv -> new ArrayList<>()).add(kind);
  }

  /** The discovery document at {@code path}, or null when the path is not a discovery path. */
  String document(String path) {
    try {
      return switch (path) {
        case "/version" ->
            JSON.writeValueAsString(
                Map.of(
                    "major", "1",
                    "minor", "32",
                    "gitVersion", "v1.32.0-tributary-sandbox",
                    "platform", "sandbox"));
        case "/api" ->
            JSON.writeValueAsString(Map.of("kind", "APIVersions", "versions", List.of("v1")));
        case "/apis" -> JSON.writeValueAsString(groupList());
        case "/openapi/v3" -> JSON.writeValueAsString(openApiRoot());
        default ->
            path.startsWith("/openapi/v3/")
                ? openApi(path.substring("/openapi/v3/".length()))
                : resourceList(path);
      };
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String apiPrefix(String groupVersion) {
    return groupVersion.contains("/") ? "apis/" + groupVersion : "api/" + groupVersion;
  }

  /** Which OpenAPI v3 documents exist, one per group-version, as kubectl looks them up. */
  private Map<String, Object> openApiRoot() {
    Map<String, Object> paths = new LinkedHashMap<>();
    for (String groupVersion : byGroupVersion.keySet()) {
      paths.put(
          apiPrefix(groupVersion),
          Map.of("serverRelativeURL", "/openapi/v3/" + apiPrefix(groupVersion)));
    }
    return Map.of("paths", paths);
  }

  /**
   * A group-version's OpenAPI v3 document: each kind's PATCH operation and its {@code
   * fieldValidation} parameter, which tells kubectl the server validates (the stand-in does, for
   * the custom resources), and each custom resource's schema from its CRD, which {@code kubectl
   * explain} reads.
   */
  private String openApi(String prefix) throws com.fasterxml.jackson.core.JsonProcessingException {
    String groupVersion = prefix.replaceFirst("^apis?/", "");
    List<Kind> kinds = byGroupVersion.get(groupVersion);
    if (kinds == null) {
      return null;
    }
    String group = groupVersion.contains("/") ? groupVersion.split("/")[0] : "";
    String version = groupVersion.contains("/") ? groupVersion.split("/")[1] : groupVersion;
    List<Map<String, Object>> fieldValidation =
        List.of(
            Map.of(
                "name",
                "fieldValidation",
                "in",
                "query",
                "schema",
                Map.of("type", "string", "uniqueItems", true)));
    Map<String, Object> paths = new LinkedHashMap<>();
    for (Kind kind : kinds) {
      String path =
          "/"
              + prefix
              + (kind.namespaced() ? "/namespaces/{namespace}/" : "/")
              + kind.name()
              + "/{name}";
      paths.put(
          path,
          Map.of(
              "parameters",
              fieldValidation,
              "patch",
              Map.of(
                  "x-kubernetes-action",
                  "patch",
                  "x-kubernetes-group-version-kind",
                  Map.of("group", group, "version", version, "kind", kind.kind()),
                  "parameters",
                  fieldValidation,
                  "responses",
                  Map.of("200", Map.of("description", "OK")))));
    }
    Map<String, Object> components = new LinkedHashMap<>();
    for (Kind kind : kinds) {
      Object schema = schemas.get(groupVersion + "/" + kind.kind());
      if (schema != null) {
        Map<String, Object> withKind = JSON.convertValue(schema, LinkedHashMap.class);
        withKind.put(
            "x-kubernetes-group-version-kind",
            List.of(Map.of("group", group, "version", version, "kind", kind.kind())));
        components.put(
            String.join(".", group.split("\\.")) + "." + version + "." + kind.kind(), withKind);
      }
    }
    return JSON.writeValueAsString(
        Map.of(
            "openapi",
            "3.0.0",
            "info",
            Map.of("title", "Kubernetes", "version", "v1.32.0"),
            "paths",
            paths,
            "components",
            Map.of("schemas", components)));
  }

  private Map<String, Object> groupList() {
    Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
    for (String groupVersion : byGroupVersion.keySet()) {
      if (groupVersion.contains("/")) {
        String[] parts = groupVersion.split("/");
        versionsByGroup.computeIfAbsent(parts[0], g -> new ArrayList<>()).add(parts[1]);
      }
    }
    List<Map<String, Object>> groups = new ArrayList<>();
    versionsByGroup.forEach(
        (group, versions) -> {
          List<Map<String, String>> entries =
              versions.stream()
                  .map(v -> Map.of("groupVersion", group + "/" + v, "version", v))
                  .toList();
          groups.add(
              Map.of("name", group, "versions", entries, "preferredVersion", entries.get(0)));
        });
    return Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", groups);
  }

  private String resourceList(String path)
      throws com.fasterxml.jackson.core.JsonProcessingException {
    String groupVersion;
    if (path.equals("/api/v1")) {
      groupVersion = "v1";
    } else if (path.startsWith("/apis/") && path.chars().filter(c -> c == '/').count() == 3) {
      groupVersion = path.substring("/apis/".length());
    } else {
      return null;
    }
    List<Kind> kinds = byGroupVersion.get(groupVersion);
    if (kinds == null) {
      return null;
    }
    List<Map<String, Object>> resources = new ArrayList<>();
    for (Kind kind : kinds) {
      Map<String, Object> resource = new LinkedHashMap<>();
      resource.put("name", kind.name());
      resource.put("singularName", kind.singular());
      resource.put("namespaced", kind.namespaced());
      resource.put("kind", kind.kind());
      resource.put("verbs", VERBS);
      if (kind.shortNames() != null && !kind.shortNames().isEmpty()) {
        resource.put("shortNames", kind.shortNames());
      }
      if (kind.categories() != null && !kind.categories().isEmpty()) {
        resource.put("categories", kind.categories());
      }
      resources.add(resource);
      if (kind.status()) {
        resources.add(
            Map.of(
                "name", kind.name() + "/status",
                "singularName", "",
                "namespaced", kind.namespaced(),
                "kind", kind.kind(),
                "verbs", List.of("get", "patch", "update")));
      }
      if (kind.scale()) {
        resources.add(
            Map.of(
                "name", kind.name() + "/scale",
                "singularName", "",
                "namespaced", kind.namespaced(),
                "group", "autoscaling",
                "version", "v1",
                "kind", "Scale",
                "verbs", List.of("get", "patch", "update")));
      }
    }
    return JSON.writeValueAsString(
        Map.of(
            "kind",
            "APIResourceList",
            "apiVersion",
            "v1",
            "groupVersion",
            groupVersion,
            "resources",
            resources));
  }
}
