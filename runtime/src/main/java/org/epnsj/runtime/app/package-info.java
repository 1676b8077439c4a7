/** Application operations (generate, train, sample, evaluate) behind the command line. */
package org.epnsj.runtime.app;
