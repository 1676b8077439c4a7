/** The plugin SPI: symmetry groups and domains found with {@link java.util.ServiceLoader}. */
package org.epnsj.api.spi;
