/** Groups, their elements and their actions on arrays (states, latents and hidden features). */
package org.epnsj.api.group;
