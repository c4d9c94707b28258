/**
 * The problems the frontend answers with: its own problem types besides the agent
 * contract's, and the problems its filters refuse requests with (server-support's
 * {@code ProblemJson} sends them). Internal: not API, may change in any release.
 */
package dev.project51.frontend.problem.internal;
