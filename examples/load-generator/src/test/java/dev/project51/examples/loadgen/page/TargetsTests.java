package dev.project51.examples.loadgen.page;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetsTests {

	@Test
	void aClientWithinFivePercentOfTheRawCallBeyondTheErrorIsMet() {
		assertThat(Targets.clientStatus(score("clientChat", 182, 24), score("rawChat", 255, 43)))
			.isEqualTo(Targets.MET);
	}

	@Test
	void aClientSlowerThanFivePercentBeyondTheErrorIsNotMet() {
		assertThat(Targets.clientStatus(score("clientStreamListener", 1400, 40), score("rawStream", 1000, 30)))
			.isEqualTo(Targets.NOT_MET);
	}

	@Test
	void aClientWhoseDistanceFromTheLimitIsWithinTheErrorIsNotEstablishedEitherWay() {
		assertThat(Targets.clientStatus(score("clientStreamListener", 1786, 15213), score("rawStream", 801, 5320)))
			.isEqualTo(Targets.NOT_ESTABLISHED);
		assertThat(Targets.clientStatus(score("clientChat", 673, 6666), score("rawChat", 919, 11046)))
			.isEqualTo(Targets.NOT_ESTABLISHED);
	}

	@Test
	void withoutAnErrorTheScoresDecide() {
		assertThat(Targets.clientStatus(score("clientChat", 1040, Double.NaN), score("rawChat", 1000, Double.NaN)))
			.isEqualTo(Targets.MET);
		assertThat(Targets.clientStatus(score("clientChat", 1060, Double.NaN), score("rawChat", 1000, 5)))
			.isEqualTo(Targets.NOT_MET);
	}

	private static JmhScore score(String benchmark, double score, double error) {
		return new JmhScore(benchmark, score, error, "us/op");
	}

}
