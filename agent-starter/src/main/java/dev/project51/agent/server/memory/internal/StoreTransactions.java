package dev.project51.agent.server.memory.internal;

import java.util.Objects;

import org.springframework.transaction.support.TransactionOperations;

/**
 * The transactions of the conversation store, as the agent's configuration shares them
 * between its beans. A type of its own rather than a {@link TransactionOperations} bean,
 * so that the application's transaction template (Spring Boot's backs off from any
 * {@code TransactionOperations} bean) is left alone.
 *
 * @param operations the transactions; {@link TransactionOperations#withoutTransaction()}
 * for a store without them
 */
public record StoreTransactions(TransactionOperations operations) {

	public StoreTransactions {
		Objects.requireNonNull(operations, "operations must not be null");
	}

}
