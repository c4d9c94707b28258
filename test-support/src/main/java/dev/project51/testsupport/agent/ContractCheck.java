package dev.project51.testsupport.agent;

import java.util.List;

/**
 * Checks a JSON document the {@link FakeAgent} sends or receives against a schema of the
 * agent contract, e.g. with the OpenAPI document of the agent API.
 */
@FunctionalInterface
public interface ContractCheck {

	/**
	 * The violations of a document.
	 * @param component the name of the contract's schema, e.g. {@code ChatRequest},
	 * {@code DoneEvent}, {@code ProblemDetail}
	 * @param json the document
	 * @return what is wrong with it; empty if nothing
	 */
	List<String> violations(String component, String json);

}
