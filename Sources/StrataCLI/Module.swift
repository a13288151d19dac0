public enum StrataCLI { public static func main() { print("strata") } }
