package org.epnsj.starter;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Reads values out of the repository's POM files. */
final class Poms {

    private Poms() {}

    /** The repository's root folder (the surefire configuration passes it; else the module's parent). */
    static Path root() {
        String root = System.getProperty("epnsj.repository.root");
        return (root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent()).toAbsolutePath().normalize();
    }

    /** A POM of the repository, parsed without namespaces so that XPath can name elements plainly. */
    static Document read(String relativePath) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            return f.newDocumentBuilder().parse(root().resolve(relativePath).toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + relativePath + ": " + e.getMessage(), e);
        }
    }

    /** The trimmed text of the first node at {@code xpath}, or null when there is none. */
    static String text(Document pom, String xpath) {
        try {
            NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, pom, XPathConstants.NODESET);
            return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(xpath, e);
        }
    }

    /** The version of a plugin in the POM's plugin management. */
    static String managedPluginVersion(Document pom, String artifactId) {
        return text(pom, "/project/build/pluginManagement/plugins/plugin[artifactId='" + artifactId + "']/version");
    }

    /** The version of a managed dependency. */
    static String managedDependencyVersion(Document pom, String artifactId) {
        return text(pom, "/project/dependencyManagement/dependencies/dependency[artifactId='" + artifactId + "']/version");
    }
}
