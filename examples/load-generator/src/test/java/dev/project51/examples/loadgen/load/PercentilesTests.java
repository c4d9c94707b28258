package dev.project51.examples.loadgen.load;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PercentilesTests {

	@Test
	void nearestRankOfOneToAHundredIsTheRankItself() {
		Percentiles percentiles = Percentiles.of(LongStream.rangeClosed(1, 100).map((i) -> 101 - i).toArray());
		assertThat(percentiles.count()).isEqualTo(100);
		assertThat(percentiles.percentile(50)).isEqualTo(50);
		assertThat(percentiles.percentile(95)).isEqualTo(95);
		assertThat(percentiles.percentile(99)).isEqualTo(99);
		assertThat(percentiles.percentile(99.9)).isEqualTo(100);
		assertThat(percentiles.max()).isEqualTo(100);
	}

	@Test
	void aPercentileIsAlwaysAMeasuredValueNeverAnInterpolation() {
		Percentiles percentiles = Percentiles.of(10, 20, 30, 40);
		assertThat(percentiles.percentile(50)).isEqualTo(20);
		assertThat(percentiles.percentile(50.1)).isEqualTo(30);
		assertThat(percentiles.percentile(75)).isEqualTo(30);
		assertThat(percentiles.percentile(99)).isEqualTo(40);
		assertThat(percentiles.percentile(0.1)).isEqualTo(10);
	}

	@Test
	void aSingleValueIsEveryPercentile() {
		Percentiles percentiles = Percentiles.of(7);
		assertThat(percentiles.percentile(1)).isEqualTo(7);
		assertThat(percentiles.percentile(99)).isEqualTo(7);
	}

	@Test
	void theTailOfASkewedSetIsItsSlowValues() {
		long[] values = new long[1000];
		for (int i = 0; i < values.length; i++) {
			values[i] = (i < 980) ? 5 : 1000 + i;
		}
		Percentiles percentiles = Percentiles.of(values);
		assertThat(percentiles.percentile(95)).isEqualTo(5);
		assertThat(percentiles.percentile(99)).isEqualTo(1989);
		assertThat(percentiles.max()).isEqualTo(1999);
	}

	@Test
	void theValuesAreCopied() {
		long[] values = { 3, 1, 2 };
		Percentiles percentiles = Percentiles.of(values);
		values[0] = 100;
		assertThat(percentiles.max()).isEqualTo(3);
	}

	@Test
	void anEmptySetHasNoPercentiles() {
		Percentiles percentiles = Percentiles.of();
		assertThat(percentiles.isEmpty()).isTrue();
		assertThatIllegalStateException().isThrownBy(() -> percentiles.percentile(50));
	}

	@Test
	void percentilesOutsideZeroToAHundredAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Percentiles.of(1).percentile(0))
			.withMessageContaining("p must be > 0 and <= 100, was 0.0");
		assertThatIllegalArgumentException().isThrownBy(() -> Percentiles.of(1).percentile(100.5));
	}

}
