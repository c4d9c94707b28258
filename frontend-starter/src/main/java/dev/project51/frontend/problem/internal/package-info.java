/**
 * The problems the frontend answers with: its own problem types besides the agent
 * contract's, and the one writer of {@code application/problem+json} bodies for the
 * filters and the error valve. Internal: not API, may change in any release.
 */
package dev.project51.frontend.problem.internal;
