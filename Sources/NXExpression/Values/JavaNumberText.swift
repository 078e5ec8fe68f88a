/// Doubles written as Java's `Double.toString` writes them: `1.0`, `0.25`, `1.0E7`, `1.0E-4`, `NaN`, `Infinity`
/// (the shortest digits that round-trip, which Swift's `description` also finds).
enum JavaNumberText {
    static func text(of value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let sign = value < 0 ? "-" : ""
        // Swift writes e.g. "12345.678", "1e-05", "1.2345e+16": take its digits and decimal exponent.
        let swift = String(value.magnitude.description)
        var mantissa = Substring(swift)
        var exponent = 0
        if let e = swift.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = swift[..<e]
            exponent = Int(swift[swift.index(after: e)...]) ?? 0
        }
        let pointIndex = mantissa.firstIndex(of: ".")
        let integerPart = pointIndex.map { mantissa[..<$0] } ?? mantissa
        let fractionPart = pointIndex.map { mantissa[mantissa.index(after: $0)...] } ?? ""
        var digits = Array(integerPart + fractionPart)
        var pointPosition = integerPart.count + exponent  // digits before the decimal point
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        let magnitude = value.magnitude
        if magnitude >= 1e-3, magnitude < 1e7 {
            if pointPosition <= 0 {
                return sign + "0." + String(repeating: "0", count: -pointPosition) + String(digits)
            }
            if pointPosition >= digits.count {
                return sign + String(digits) + String(repeating: "0", count: pointPosition - digits.count) + ".0"
            }
            return sign + String(digits[..<pointPosition]) + "." + String(digits[pointPosition...])
        }
        let fraction = digits.count > 1 ? String(digits[1...]) : "0"
        return sign + String(digits[0]) + "." + fraction + "E" + String(pointPosition - 1)
    }
}
