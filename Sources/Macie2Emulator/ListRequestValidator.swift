import Foundation
import Macie2Model

/// Checks a ListClassificationJobs body against the model, member by member, the way the
/// service does: unknown members, wrong types and values outside an enum are refused with a
/// message that names the member.
enum ListRequestValidator {
    struct Invalid: Error { let message: String }

    /// The request, or the ValidationException message.
    static func validate(_ body: [UInt8]) throws(Invalid) -> ListClassificationJobsRequest {
        guard !body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return .init() }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(body))
        } catch {
            throw Invalid(message: "The request body is not valid JSON.")
        }
        guard case .object(let top) = value else { throw Invalid(message: "The request body must be a JSON object.") }
        try members(
            top, allowed: ["filterCriteria", "maxResults", "nextToken", "sortCriteria"], in: "ListClassificationJobsRequest")
        var request = ListClassificationJobsRequest()
        if let criteria = top["filterCriteria"], criteria != .null {
            let object = try object(criteria, "filterCriteria")
            try members(object, allowed: ["includes", "excludes"], in: "filterCriteria")
            request.filterCriteria = ListJobsFilterCriteria(
                excludes: try terms(object["excludes"], "filterCriteria.excludes"),
                includes: try terms(object["includes"], "filterCriteria.includes"))
        }
        if let max = top["maxResults"], max != .null {
            guard case .number(let number) = max, number == number.rounded(), abs(number) < 1e9 else {
                throw Invalid(message: "maxResults must be an integer, not \(max.kind).")
            }
            request.maxResults = Int(number)
        }
        if let token = top["nextToken"], token != .null { request.nextToken = try string(token, "nextToken") }
        if let sort = top["sortCriteria"], sort != .null {
            let object = try object(sort, "sortCriteria")
            try members(object, allowed: ["attributeName", "orderBy"], in: "sortCriteria")
            request.sortCriteria = ListJobsSortCriteria(
                attributeName: try enumValue(object["attributeName"], "sortCriteria.attributeName"),
                orderBy: try enumValue(object["orderBy"], "sortCriteria.orderBy"))
        }
        return request
    }

    private static func terms(_ value: JSONValue?, _ path: String) throws(Invalid) -> [ListJobsFilterTerm]? {
        guard let value, value != .null else { return nil }
        guard case .array(let items) = value else { throw Invalid(message: "\(path) must be an array, not \(value.kind).") }
        var terms: [ListJobsFilterTerm] = []
        for (i, item) in items.enumerated() {
            let place = "\(path)[\(i)]"
            let term = try object(item, place)
            try members(term, allowed: ["comparator", "key", "values"], in: place)
            var values: [String]?
            if let list = term["values"], list != .null {
                guard case .array(let strings) = list else {
                    throw Invalid(message: "\(place).values must be an array, not \(list.kind).")
                }
                values = []
                for (j, element) in strings.enumerated() { values!.append(try string(element, "\(place).values[\(j)]")) }
            }
            let key: ListJobsFilterKey? = try enumValue(term["key"], "\(place).key")
            let comparator: JobComparator? = try enumValue(term["comparator"], "\(place).comparator")
            terms.append(ListJobsFilterTerm(comparator: comparator, key: key, values: values))
        }
        return terms
    }

    private static func members(_ object: [String: JSONValue], allowed: Set<String>, in place: String) throws(Invalid) {
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw Invalid(message: "Unknown member '\(unknown)' in \(place).")
        }
    }

    private static func object(_ value: JSONValue, _ path: String) throws(Invalid) -> [String: JSONValue] {
        guard case .object(let object) = value else { throw Invalid(message: "\(path) must be an object, not \(value.kind).") }
        return object
    }

    private static func string(_ value: JSONValue, _ path: String) throws(Invalid) -> String {
        guard case .string(let text) = value else { throw Invalid(message: "\(path) must be a string, not \(value.kind).") }
        return text
    }

    private static func enumValue<D>(_ value: JSONValue?, _ path: String) throws(Invalid) -> ModelEnum<D>? {
        guard let value, value != .null else { return nil }
        let raw = try string(value, path)
        let parsed = ModelEnum<D>(rawValue: raw)
        guard parsed.isKnown else {
            throw Invalid(message: "\(path) must be one of \(D.knownValues.joined(separator: ", ")); got '\(raw)'.")
        }
        return parsed
    }
}
