/** The EPNS components and the distributions they produce. */
package org.epnsj.api.model;
