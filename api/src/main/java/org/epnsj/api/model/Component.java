package org.epnsj.api.model;

/** What every EPNS component declares: how its output transforms under the domain's group. */
public interface Component {

    /** The claimed transformation behaviour; the conformance kit checks it. */
    Transformation transformation();
}
