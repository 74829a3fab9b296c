package dev.tributary.sandbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsFileDnsTest {

  @Test
  void everyNameOnALineMapsToItsAddressAndCommentsAreIgnored() throws Exception {
    var hosts =
        HostsFileDns.parse(
            List.of(
                "# cluster DNS",
                "127.0.1.10 pipeline-connect-0.pipeline-connect-workers.ns.svc pipeline-connect-api.ns.svc",
                "",
                "127.0.1.11 other # trailing comment"));

    assertThat(hosts.get("pipeline-connect-api.ns.svc").getHostAddress()).isEqualTo("127.0.1.10");
    assertThat(hosts.get("pipeline-connect-0.pipeline-connect-workers.ns.svc").getHostAddress())
        .isEqualTo("127.0.1.10");
    assertThat(hosts.get("other").getHostAddress()).isEqualTo("127.0.1.11");
    assertThat(hosts).hasSize(3);
  }

  @Test
  void aChangedFileIsReadAgainAndOtherNamesGoToTheMachinesResolver(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("hosts");
    Files.writeString(file, "127.0.1.10 api.ns.svc\n");
    var dns = new HostsFileDns(file);
    assertThat(dns.lookup("api.ns.svc").get(0).getHostAddress()).isEqualTo("127.0.1.10");

    Files.writeString(file, "127.0.1.12 api.ns.svc\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(dns.lookup("api.ns.svc").get(0).getHostAddress()).isEqualTo("127.0.1.12");

    assertThat(dns.lookup("localhost")).contains(InetAddress.getByName("localhost"));
  }
}
