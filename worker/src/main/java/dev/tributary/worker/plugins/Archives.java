package dev.tributary.worker.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Unpacks zip and tar.gz plugin archives, refusing entries that would land outside the target. */
final class Archives {

  private Archives() {}

  static void unpack(Path archive, ArtifactSpec.Format format, Path target) throws IOException {
    try (InputStream file = Files.newInputStream(archive);
        ArchiveInputStream<? extends ArchiveEntry> entries = open(file, format)) {
      ArchiveEntry entry;
      int count = 0;
      while ((entry = entries.getNextEntry()) != null) {
        count++;
        Path destination = inside(target, entry.getName());
        if (entry instanceof TarArchiveEntry tar && (tar.isSymbolicLink() || tar.isLink())) {
          throw new IOException(
              "archive entry '"
                  + entry.getName()
                  + "' is a link; plugin archives must not hold links");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(destination);
        } else {
          Files.createDirectories(destination.getParent());
          Files.copy(entries, destination);
        }
      }
      if (count == 0) {
        // A zip reader takes what is not a zip for an empty one.
        throw new IOException(
            "holds nothing: not a "
                + format.name().toLowerCase(java.util.Locale.ROOT)
                + " archive, or an empty one");
      }
    }
  }

  private static ArchiveInputStream<? extends ArchiveEntry> open(
      InputStream file, ArtifactSpec.Format format) throws IOException {
    return switch (format) {
      case ZIP -> new ZipArchiveInputStream(file);
      case TGZ -> new TarArchiveInputStream(new GzipCompressorInputStream(file));
      case JAR -> throw new IllegalArgumentException("a jar is installed as it is, not unpacked");
    };
  }

  /** Resolves an entry name under {@code dir}, or fails when it would escape it. */
  static Path inside(Path dir, String entryName) throws IOException {
    Path base = dir.toAbsolutePath().normalize();
    Path resolved = base.resolve(entryName).normalize();
    if (!resolved.startsWith(base)) {
      throw new IOException(
          "archive entry '" + entryName + "' escapes the plugin directory; refusing to unpack it");
    }
    return resolved;
  }
}
