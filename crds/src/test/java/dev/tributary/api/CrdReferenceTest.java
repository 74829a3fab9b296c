package dev.tributary.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/reference/crd-fields.md is what the committed CRDs say, field by field. */
class CrdReferenceTest {

  private static final String HOW_TO_FIX =
      "docs/reference/crd-fields.md is stale: run `mvn -pl crds test -Dtest=CrdReferenceTest"
          + " -Dtributary.docs.update=true` and commit the result";

  @Test
  void theFieldReferenceIsGeneratedFromTheCommittedCrds() throws Exception {
    Path crds = Path.of(System.getProperty("tributary.committed.crds"));
    Path page = crds.resolve("../docs/reference/crd-fields.md").normalize();
    String generated =
        CrdReference.markdown(
            List.of(
                crds.resolve("kafkaconnects.tributary.dev-v1.yml"),
                crds.resolve("kafkaconnectors.tributary.dev-v1.yml")));
    if (Boolean.getBoolean("tributary.docs.update")) {
      Files.writeString(page, generated);
    }
    assertThat(Files.exists(page)).as(HOW_TO_FIX).isTrue();
    assertThat(Files.readString(page)).as(HOW_TO_FIX).isEqualTo(generated);
    assertThat(generated)
        .as("every field, with its type, default and description")
        .contains("| `spec.replicas` | integer (≥ 0; ≤ 100) | `1` | Number of Connect workers.")
        .contains("| `spec.autoscaling.lagSeconds` | integer (≥ 5) | `60` |")
        .contains("| `spec.template.tolerations` | array of objects (Kubernetes [Toleration]")
        .contains("| `spec.plugins[].name` | string")
        .contains("| `status.maxUsefulTasks` | integer |");
  }
}
