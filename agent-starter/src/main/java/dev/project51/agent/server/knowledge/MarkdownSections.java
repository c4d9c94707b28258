package dev.project51.agent.server.knowledge;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Markdown document into its title and sections ({@code ##} headings); the text
 * before the first section becomes a section named after the title. Headings inside
 * fenced code blocks are ignored. Long sections are cut at paragraph boundaries.
 */
final class MarkdownSections {

	static final int MAX_SECTION_CHARS = 1500;

	private MarkdownSections() {
	}

	static Parsed parse(String markdown, String fallbackTitle) {
		String title = null;
		List<Section> sections = new ArrayList<>();
		String heading = null;
		StringBuilder body = new StringBuilder();
		boolean inFence = false;
		for (String line : markdown.replace("\r\n", "\n").split("\n", -1)) {
			String trimmed = line.trim();
			if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
				inFence = !inFence;
			}
			if (!inFence && title == null && line.startsWith("# ")) {
				title = line.substring(2).trim();
				continue;
			}
			if (!inFence && line.startsWith("## ")) {
				add(sections, heading, body, title, fallbackTitle);
				heading = line.substring(3).trim();
				body.setLength(0);
				continue;
			}
			body.append(line).append('\n');
		}
		add(sections, heading, body, title, fallbackTitle);
		return new Parsed((title != null) ? title : fallbackTitle, sections);
	}

	private static void add(List<Section> sections, String heading, StringBuilder body, String title,
			String fallbackTitle) {
		String text = body.toString().strip();
		if (text.isEmpty()) {
			return;
		}
		String name = (heading != null) ? heading : ((title != null) ? title : fallbackTitle);
		for (String part : split(text)) {
			sections.add(new Section(name, part));
		}
	}

	private static List<String> split(String text) {
		if (text.length() <= MAX_SECTION_CHARS) {
			return List.of(text);
		}
		List<String> parts = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String paragraph : text.split("\n\\s*\n")) {
			if (current.length() > 0 && current.length() + paragraph.length() > MAX_SECTION_CHARS) {
				parts.add(current.toString().strip());
				current.setLength(0);
			}
			current.append(paragraph).append("\n\n");
		}
		if (current.length() > 0) {
			parts.add(current.toString().strip());
		}
		return parts;
	}

	record Parsed(String title, List<Section> sections) {

	}

	record Section(String heading, String text) {

	}

}
