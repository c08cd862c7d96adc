package dev.modelgate.scanner;

import java.util.List;

/** The winning scanner (null when no format matched) and other structural matches (polyglots). */
record DetectionResult(FormatScanner scanner, int score, List<FormatScanner> alsoMatching) {}
