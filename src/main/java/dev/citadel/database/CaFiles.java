package dev.citadel.database;

import dev.citadel.value.Shown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A CA file given for a connection made from this machine: read at build(), so a wrong path is one line, not a TLS error at apply. */
final class CaFiles {
    static final long MAX_BYTES = 4L << 20;

    private CaFiles() {
    }

    static Path check(String field, Path pem) {
        String text;
        try {
            if (Files.size(pem) > MAX_BYTES) {
                throw new IllegalArgumentException(field + ": '" + Shown.cut(pem.toString()) + "' is " + Files.size(pem)
                        + " bytes, more than a CA bundle (AWS's global bundle is about 160 KB); give the bundle's PEM file");
            }
            text = Files.readString(pem.toAbsolutePath(), java.nio.charset.StandardCharsets.US_ASCII);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(field + ": '" + Shown.cut(pem.toString()) + "' cannot be read as a PEM file; download AWS's "
                    + "RDS bundle (global-bundle.pem) and give its path");
        }
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException(field + ": '" + Shown.cut(pem.toString()) + "' holds no PEM certificate (-----BEGIN CERTIFICATE-----); "
                    + "give the CA bundle, e.g. AWS's global-bundle.pem");
        }
        return pem.toAbsolutePath();
    }
}
