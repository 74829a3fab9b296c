package dev.tributary.worker.plugins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.contract.WorkerContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fetch-plugins}: installs a KafkaConnect's {@code spec.plugins} into a plugin directory.
 */
@Command(
    name = "fetch-plugins",
    description = "Download, verify and unpack plugins into a plugin directory.")
public final class FetchPluginsCommand implements Callable<Integer> {

  /** Where the plugin list comes from: a file, or JSON in an option or environment variable. */
  static final class Source {
    @Option(names = "--plugins", paramLabel = "FILE", description = "JSON list of plugins.")
    Path file;

    @Option(
        names = "--plugins-json",
        paramLabel = "JSON",
        description = "JSON list of plugins, inline (default: $TRIBUTARY_PLUGINS).",
        defaultValue = "${env:TRIBUTARY_PLUGINS}")
    String json;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Source source = new Source();

  @Option(
      names = "--target",
      required = true,
      paramLabel = "DIR",
      description = "Plugin directory.")
  Path target;

  @Option(
      names = "--maven-repository",
      paramLabel = "URL",
      defaultValue = "${env:TRIBUTARY_MAVEN_REPOSITORY:-https://repo1.maven.org/maven2/}",
      description = "Maven repository for type: maven artifacts (default: ${DEFAULT-VALUE}).")
  String mavenRepository;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      defaultValue = "${sys:java.io.tmpdir}/tributary-maven-cache",
      description = "Local Maven repository used as a download cache (default: ${DEFAULT-VALUE}).")
  Path cache;

  @Override
  public Integer call() throws Exception {
    List<PluginSpec> plugins = parse(readSource());
    for (PluginInstaller.Result result :
        new PluginInstaller(
                target,
                mavenRepository,
                RepositorySpec.parse(System.getenv(WorkerContract.ENV_MAVEN_REPOSITORIES)),
                cache,
                System.getenv())
            .install(plugins)) {
      System.out.println(
          "plugin " + result.plugin() + ": " + result.outcome().name().toLowerCase());
    }
    return 0;
  }

  private String readSource() throws java.io.IOException {
    if (source != null && source.file != null) {
      return Files.readString(source.file);
    }
    if (source != null && source.json != null && !source.json.isBlank()) {
      return source.json;
    }
    return "[]";
  }

  static List<PluginSpec> parse(String json) {
    try {
      return new ObjectMapper().readValue(json, new TypeReference<List<PluginSpec>>() {});
    } catch (JsonProcessingException e) {
      throw new PluginInstallException(
          "the plugin list is not valid JSON: " + e.getOriginalMessage());
    }
  }
}
