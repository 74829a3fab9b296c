package dev.tributary.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpecRulesTest {

  @Test
  void theOwnedWorkerKeysAreReadFromTheCelListTheCrdUses() {
    assertThat(SpecRules.OWNED_WORKER_KEYS)
        .containsExactlyInAnyOrder(
            "group.id",
            "config.storage.topic",
            "offset.storage.topic",
            "status.storage.topic",
            "plugin.path",
            "listeners",
            "bootstrap.servers",
            "offset.storage.file.filename",
            "exactly.once.source.support");
    assertThat(SpecRules.OWNED_WORKER_KEYS_RULE).contains(SpecRules.OWNED_WORKER_KEYS_CEL);
    assertThat(SpecRules.isOwnedWorkerKey("rest.advertised.port")).isTrue();
    assertThat(SpecRules.isOwnedWorkerKey("value.converter")).isFalse();
    assertThat(SpecRules.OWNED_CONNECTOR_KEYS)
        .containsExactlyInAnyOrder("connector.class", "tasks.max", "name");
  }

  @Test
  void pluginNamesAreFolderNames() {
    assertThat("my-sink_1.2").matches(SpecRules.PLUGIN_NAME);
    assertThat("My-Sink").doesNotMatch(SpecRules.PLUGIN_NAME);
    assertThat("../etc").doesNotMatch(SpecRules.PLUGIN_NAME);
    assertThat("-x").doesNotMatch(SpecRules.PLUGIN_NAME);
    assertThat("a".repeat(64)).doesNotMatch(SpecRules.PLUGIN_NAME);
  }
}
