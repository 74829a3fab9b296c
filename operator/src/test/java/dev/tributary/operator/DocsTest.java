package dev.tributary.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.validation.CrdValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and every page under docs/ say only what holds: each relative link and anchor leads
 * somewhere, each KafkaConnect and KafkaConnector they show is one the CRDs accept, and each Maven
 * command names profiles, modules and classes that exist, and each kubectl command resources the
 * API serves (the CRDs' names, short names and category) and files that exist. Running them is
 * another matter: KubectlIT runs kubectl's get, apply, scale, explain, describe and delete against
 * the sandbox's API, and the README's two commands run on every CI run; the pages' other commands
 * are not run by a test.
 */
class DocsTest {

  static final Path REPO = MockApi.repo();
  static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");

  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(REPO.resolve("README.md"));
    try (Stream<Path> docs = Files.walk(REPO.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  static String read(Path page) {
    try {
      return Files.readString(page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
  static String slug(String heading) {
    return heading
        .trim()
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N} _-]", "")
        .replace(' ', '-');
  }

  static Set<String> anchors(Path page) {
    Set<String> anchors = new TreeSet<>();
    String text = FENCE.matcher(read(page)).replaceAll("");
    for (String line : text.lines().toList()) {
      if (line.startsWith("#")) {
        anchors.add(slug(line.replaceFirst("^#+", "")));
      }
    }
    return anchors;
  }

  @Test
  void everyRelativeLinkAndAnchorLeadsSomewhere() throws Exception {
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      String prose = FENCE.matcher(read(page)).replaceAll("").replaceAll("`[^`\n]*`", "");
      Matcher link = LINK.matcher(prose);
      while (link.find()) {
        String target = link.group(1);
        if (target.matches("^[a-z]+:.*")) {
          continue;
        }
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(REPO.relativize(page) + ": " + target);
        } else if (anchor != null
            && resolved.toString().endsWith(".md")
            && !anchors(resolved).contains(anchor)) {
          broken.add(REPO.relativize(page) + ": " + target + " (no such heading)");
        }
      }
    }
    assertThat(broken).isEmpty();
    assertThat(read(REPO.resolve("docs/README.md")))
        .as("the docs index lists every page")
        .contains(
            pages().stream()
                .filter(p -> p.getParent().equals(REPO.resolve("docs")))
                .map(p -> "(" + p.getFileName() + ")")
                .filter(name -> !name.equals("(README.md)"))
                .toList());
  }

  @Test
  void everyKafkaConnectAndKafkaConnectorShownIsOneTheCrdsAccept() throws Exception {
    List<String> refused = new ArrayList<>();
    int checked = 0;
    for (Path page : pages()) {
      Matcher block = FENCE.matcher(read(page));
      while (block.find()) {
        if (!block.group(1).equals("yaml")) {
          continue;
        }
        for (String doc : block.group(2).split("(?m)^---\\s*$")) {
          Matcher kind =
              Pattern.compile("(?m)^kind: (KafkaConnect|KafkaConnector)\\s*$").matcher(doc);
          if (doc.contains("apiVersion: tributary.dev/") && kind.find()) {
            checked++;
            var problems = CrdValidator.forKind(REPO.resolve("crds"), kind.group(1)).problems(doc);
            if (!problems.isEmpty()) {
              refused.add(REPO.relativize(page) + ": " + problems + "\n" + doc);
            }
          } else if (doc.lines().anyMatch(l -> l.equals("spec:"))) {
            // A spec fragment: it must be part of a resource of one of the two kinds.
            checked++;
            List<String> problems = fragmentProblems(doc);
            if (!problems.isEmpty()) {
              refused.add(REPO.relativize(page) + ": " + problems + "\n" + doc);
            }
          }
        }
      }
    }
    assertThat(refused).isEmpty();
    assertThat(checked).as("resources and spec fragments shown in the docs").isGreaterThan(5);
  }

  /** Nothing, when the fragment is a valid part of a KafkaConnect or of a KafkaConnector. */
  static List<String> fragmentProblems(String fragment) throws Exception {
    String spec = fragment.substring(fragment.indexOf("spec:"));
    List<String> problems = new ArrayList<>();
    for (String kind : List.of("KafkaConnect", "KafkaConnector")) {
      String required =
          kind.equals("KafkaConnect")
              ? (spec.contains("bootstrapServers:") ? "" : "  bootstrapServers: kafka:9092\n")
              : (spec.contains("clusterRef:") ? "" : "  clusterRef: {name: pipeline}\n")
                  + (spec.contains("class:") ? "" : "  class: org.example.Sink\n");
      String doc =
          "apiVersion: tributary.dev/v1alpha1\nkind: %s\nmetadata: {name: example}\nspec:\n%s%s"
              .formatted(kind, required, spec.substring("spec:".length()).replaceFirst("^\\n", ""));
      var found = CrdValidator.forKind(REPO.resolve("crds"), kind).problems(doc);
      if (found.isEmpty()) {
        return List.of();
      }
      problems.add(kind + ": " + found);
    }
    return problems;
  }

  @Test
  void everyMavenCommandNamesProfilesModulesAndClassesThatExist() throws Exception {
    String poms;
    try (Stream<Path> files = Files.walk(REPO)) {
      poms =
          String.join(
              "\n",
              files
                  .filter(p -> p.getFileName().toString().equals("pom.xml"))
                  .filter(p -> !p.toString().contains("/target/"))
                  .map(DocsTest::read)
                  .toList());
    }
    List<String> wrong = new ArrayList<>();
    int commands = 0;
    for (Path page : pages()) {
      Matcher command = Pattern.compile("mvn [^`\\n]*").matcher(read(page));
      while (command.find()) {
        commands++;
        String text = command.group();
        for (String word : text.split("\\s+")) {
          if (word.startsWith("-P") && !poms.contains("<id>" + word.substring(2) + "</id>")) {
            wrong.add(REPO.relativize(page) + ": no profile " + word + " in `" + text + "`");
          }
          for (String property : List.of("-Dsandbox.main=", "-Dit.test=", "-Dtest=")) {
            if (word.startsWith(property)) {
              String name = word.substring(property.length()).replaceAll("[#,].*", "");
              if (!name.contains("*") && !sourceExists(name)) {
                wrong.add(REPO.relativize(page) + ": no class " + name + " in `" + text + "`");
              }
            }
          }
        }
        Matcher module = Pattern.compile("-pl ([\\w/,-]+)").matcher(text);
        while (module.find()) {
          for (String name : module.group(1).split(",")) {
            if (!Files.exists(REPO.resolve(name).resolve("pom.xml"))) {
              wrong.add(REPO.relativize(page) + ": no module " + name + " in `" + text + "`");
            }
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(commands).isGreaterThan(5);
  }

  @Test
  void everyKubectlCommandNamesResourcesAndFilesThatExist() throws Exception {
    Set<String> known =
        new TreeSet<>(
            List.of(
                "pod",
                "pods",
                "events",
                "cm",
                "configmap",
                "configmaps",
                "secrets",
                "sts",
                "statefulsets",
                "svc",
                "services",
                "namespaces",
                "configmap"));
    for (String crd : List.of("kafkaconnects", "kafkaconnectors")) {
      var names =
          io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                  read(REPO.resolve("crds/" + crd + ".tributary.dev-v1.yml")),
                  io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class)
              .getSpec()
              .getNames();
      known.add(names.getPlural());
      known.add(names.getSingular());
      known.addAll(names.getShortNames());
      known.addAll(names.getCategories());
    }
    Pattern code = Pattern.compile("(?ms)^```sh\\n(.*?)^```|`(kubectl [^`]*)`");
    List<String> wrong = new ArrayList<>();
    int commands = 0;
    for (Path page : pages()) {
      Matcher found = code.matcher(read(page));
      while (found.find()) {
        String text = found.group(1) != null ? found.group(1) : found.group(2);
        for (String line : text.lines().toList()) {
          String command = line.replaceFirst("#.*", "").trim();
          if (!command.startsWith("kubectl ")) {
            continue;
          }
          commands++;
          List<String> words = List.of(command.split("\\s+"));
          String verb = words.size() > 1 ? words.get(1) : "";
          List<String> args =
              words.subList(Math.min(2, words.size()), words.size()).stream()
                  .filter(w -> !w.startsWith("-") && !w.contains("="))
                  .toList();
          if (List.of("get", "scale", "describe", "delete", "annotate", "wait", "explain")
                  .contains(verb)
              && !args.isEmpty()
              && !words.contains("-f")) {
            String resource = args.get(0).split("[/.]")[0];
            if (!known.contains(resource)) {
              wrong.add(
                  REPO.relativize(page)
                      + ": unknown resource "
                      + resource
                      + " in `"
                      + command
                      + "`");
            }
          }
          for (int i = 0; i < words.size() - 1; i++) {
            String file = words.get(i + 1);
            if ((words.get(i).equals("-f") || words.get(i).equals("-k"))
                && !file.contains("<")
                && !Files.exists(REPO.resolve(file.replaceAll("[),]+$", "")))) {
              wrong.add(REPO.relativize(page) + ": no file " + file + " in `" + command + "`");
            }
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(commands).as("kubectl commands in the docs").isGreaterThan(10);
  }

  /** Whether a class (simple or fully qualified) has a source file in the repository. */
  static boolean sourceExists(String name) {
    String file = name.substring(name.lastIndexOf('.') + 1) + ".java";
    try (Stream<Path> files = Files.walk(REPO)) {
      return files.anyMatch(
          p -> p.getFileName().toString().equals(file) && !p.toString().contains("/target/"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
