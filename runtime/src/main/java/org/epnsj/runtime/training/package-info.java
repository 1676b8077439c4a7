/** The ELBO objective, Adam, gradient accumulation and the one-step / multi-step trainer. */
package org.epnsj.runtime.training;
