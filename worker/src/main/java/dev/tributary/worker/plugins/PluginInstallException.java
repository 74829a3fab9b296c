package dev.tributary.worker.plugins;

import dev.tributary.worker.UserError;

/** A plugin could not be installed; the message names the plugin and the artifact. */
public class PluginInstallException extends UserError {
  public PluginInstallException(String message) {
    super(message);
  }

  public PluginInstallException(String message, Throwable cause) {
    super(message, cause);
  }
}
