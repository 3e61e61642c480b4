package io.modulardata.bench.results;

import java.util.ArrayList;
import java.util.List;

/**
 * One measured quantity: its value in every run, the median we report, and the target it is held
 * against. {@code lowerIsBetter} says which side of the target passes.
 */
public final class Figure {

    final String benchmark;
    final String name;
    final String unit;
    final Double target;
    final boolean lowerIsBetter;
    final List<Double> runs = new ArrayList<>();

    Figure(String benchmark, String name, String unit, Double target, boolean lowerIsBetter) {
        this.benchmark = benchmark;
        this.name = name;
        this.unit = unit;
        this.target = target;
        this.lowerIsBetter = lowerIsBetter;
    }

    public void add(double value) {
        runs.add(value);
    }

    public double median() {
        return Stats.median(runs);
    }

    /** "met", "missed", or "" when the figure has no target. */
    public String verdict() {
        if (target == null || runs.isEmpty()) {
            return "";
        }
        boolean met = lowerIsBetter ? median() < target : median() >= target;
        return met ? "met" : "missed";
    }
}
