package org.epnsj.reports;

/** Puts AWT in headless mode, so figures render on machines without a display. */
final class Headless {

    static {
        // AWT reads the property once, on first use; an explicit choice by the user is kept.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Headless() {}

    /** Runs the static initialiser; call it before any AWT class is used. */
    static void ensure() {}
}
