package dev.tributary.worker.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-512 digests of downloaded files. */
final class Sha512 {

  private Sha512() {}

  static String of(Path file) throws IOException {
    MessageDigest digest = newDigest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static void verify(Path file, String expected, String what) throws IOException {
    String actual = of(file);
    if (!actual.equalsIgnoreCase(expected.trim())) {
      throw new PluginInstallException(
          what
              + ": sha512 mismatch: expected "
              + expected.trim().toLowerCase(Locale.ROOT)
              + " but the download has "
              + actual);
    }
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-512", e);
    }
  }
}
