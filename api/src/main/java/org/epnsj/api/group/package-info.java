/** Groups, their elements, linear representations and actions on arrays. */
package org.epnsj.api.group;
