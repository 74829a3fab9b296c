package dev.tributary.operator.connectapi;

import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;

/** How to reach a REST API served over HTTPS that asks for a client certificate. */
public record RestTls(SSLSocketFactory socketFactory, X509TrustManager trustManager) {}
