package io.ponte.bridge.connectycube.signaling;

/** Checks that a string can be used as an element name (a simplified XML 1.0 Name production). */
final class XmlNames {
    private XmlNames() {
    }

    static boolean isName(String s) {
        if (s == null || s.isEmpty() || s.regionMatches(true, 0, "xml", 0, 3)) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean start = Character.isLetter(c) || c == '_';
            boolean rest = start || Character.isDigit(c) || c == '-' || c == '.';
            if (i == 0 ? !start : !rest) {
                return false;
            }
        }
        return true;
    }
}
