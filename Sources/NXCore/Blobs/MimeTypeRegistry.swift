/// The mime-type table of Nuxeo's `MimetypeRegistryService` (default contributions of
/// `nxmimetype-service.xml`, LTS 2023), held as data so `MimeTypes` can answer extension, alias and icon look-ups.
///
/// Registration order matters for extensions claimed by two entries: as in Nuxeo, the last registration wins
/// (`mp4` → `video/mp4`, not `audio/aac`; `ppm` → `image/x-portable-pixmap`).
enum MimeTypeRegistry {
    /// One `<mimetype>` contribution.
    struct Entry: Sendable {
        /// The normalized (canonical) mime type, in the registry's spelling.
        let normalized: String
        /// The icon file name under `/icons/`.
        let icon: String
        /// Other names of the same type (lower-cased), normalized to `normalized`.
        let aliases: [String]
        /// File extensions (lower-case, without the dot).
        let extensions: [String]

        init(_ normalized: String, _ icon: String, aliases: [String] = [], _ extensions: [String]) {
            self.normalized = normalized
            self.icon = icon
            self.aliases = aliases
            self.extensions = extensions
        }
    }

    /// An explicit `<fileExtension>` rule, consulted before the entries' extensions.
    enum ExtensionRule: Sendable {
        /// The extension names this type.
        case type(String)
        /// The extension is ambiguous: content sniffing must decide.
        case ambiguous
    }

    static let defaultType = "application/octet-stream"

    /// Explicit extension rules (Nuxeo's `extension` extension point).
    static let extensionRules: [String: ExtensionRule] = [
        "xml": .ambiguous,
        "vsd": .type("application/visio"),
        "vst": .type("application/visio"),
        "ai": .type("application/illustrator"),
        "key": .type("application/vnd.apple.keynote"),
        "numbers": .type("application/vnd.apple.numbers"),
        "pages": .type("application/vnd.apple.pages"),
    ]

    /// Aliases nx accepts beyond Nuxeo's table (Nuxeo would keep these as given).
    static let extraAliases: [String: String] = [
        "image/jpg": "image/jpeg"
    ]

    /// The entries, in Nuxeo's registration order.
    static let entries: [Entry] = textEntries + officeEntries + openOfficeEntries + ooxmlEntries + imageEntries
        + audioVideoEntries + rawImageEntries

    /// Extension (lower-case) → normalized type; last registration wins.
    static let typeByExtension: [String: String] = {
        var map: [String: String] = [:]
        for entry in entries {
            for ext in entry.extensions { map[ext] = entry.normalized }
        }
        return map
    }()

    /// Lower-cased normalized type or alias → entry. Normalized names win over aliases
    /// (`application/vnd.ms-excel` is both a type of its own and a `text/csv` alias; it stays itself).
    static let entryByName: [String: Entry] = {
        var map: [String: Entry] = [:]
        for entry in entries {
            for alias in entry.aliases where map[alias] == nil { map[alias] = entry }
        }
        for entry in entries { map[entry.normalized.lowercased()] = entry }
        for (alias, target) in extraAliases {
            if let entry = map[target] { map[alias] = entry }
        }
        return map
    }()

    private static let textEntries: [Entry] = [
        Entry("text/plain", "text.png", ["txt"]),
        Entry("text/html", "text.png", ["html", "xhtml", "shtml"]),
        Entry("multipart/related", "text.png", ["mhtml", "mht"]),
        Entry("text/structured", "text.png", ["stx"]),
        Entry("text/x-rst", "text.png", aliases: ["text/restructured"], ["rst", "rest", "restx"]),
        Entry("text/python-source", "py.png", aliases: ["text/x-python"], ["py"]),
        Entry("text/java-source", "java.png", aliases: ["text/x-java"], ["java"]),
        Entry("text/rtf", "text.png", ["rtf"]),
        Entry("text/x-web-markdown", "text.png", ["md", "mkd", "markdown"]),
        Entry("message/rfc822", "email.png", ["eml"]),
        Entry("application/vnd.ms-outlook", "email.png", ["msg"]),
    ]

    private static let officeEntries: [Entry] = [
        Entry("application/msword", "word.png", ["doc", "dot"]),
        Entry("application/vnd.ms-excel", "xls.png", ["xls", "xlt"]),
        Entry("application/vnd.ms-powerpoint", "ppt.png", ["ppt", "pot", "pps"]),
        Entry("application/vnd.ms-project", "mpp.png", ["mpp"]),
        Entry("application/vnd.ms-publisher", "pub.png", ["pub"]),
        // "doc.xml" and "docb.xml" are registered too, but an extension never contains a dot.
        Entry("application/docbook+xml", "xml.png", ["docb"]),
        Entry("text/xml", "xml.png", ["xml", "graffle", "twb"]),
    ]

    private static let openOfficeEntries: [Entry] = [
        Entry("application/vnd.sun.xml.writer", "sxw.png", ["sxw"]),
        Entry("application/vnd.sun.xml.writer.template", "stw.png", ["stw"]),
        Entry("application/vnd.sun.xml.impress", "sxi.png", ["sxi"]),
        Entry("application/vnd.sun.xml.impress.template", "sti.png", ["sti"]),
        Entry("application/vnd.sun.xml.calc", "sxc.png", ["sxc"]),
        Entry("application/vnd.sun.xml.calc.template", "stc.png", ["stc"]),
        Entry("application/vnd.sun.xml.draw", "sxd.png", ["sxd"]),
        Entry("application/vnd.sun.xml.draw.template", "std.png", ["std"]),
        Entry("application/vnd.oasis.opendocument.spreadsheet", "ods.png", ["ods"]),
        Entry("application/vnd.oasis.opendocument.spreadsheet-template", "ots.png", ["ots"]),
        Entry("application/vnd.oasis.opendocument.text", "odt.png", ["odt"]),
        Entry("application/vnd.oasis.opendocument.text-template", "ott.png", ["ott"]),
        Entry("application/vnd.oasis.opendocument.presentation", "odp.png", ["odp"]),
        Entry("application/vnd.oasis.opendocument.presentation-template", "otp.png", ["otp"]),
        Entry("application/vnd.oasis.opendocument.graphics", "odg.png", ["odg"]),
        Entry("application/vnd.oasis.opendocument.graphics-template", "otg.png", ["otg"]),
        Entry("application/pdf", "pdf.png", ["pdf"]),
        Entry("application/octet-stream", "application.png", []),
        Entry("application/x-gtar", "tar.png", []),
    ]

    private static let ooxmlEntries: [Entry] = [
        Entry("application/vnd.ms-word.document.macroEnabled.12", "docx.png", ["docm"]),
        Entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx.png", ["docx"]),
        Entry("application/vnd.ms-word.template.macroEnabled.12", "docx.png", ["dotm"]),
        Entry("application/vnd.openxmlformats-officedocument.wordprocessingml.template", "docx.png", ["dotx"]),
        Entry("application/vnd.ms-powerpoint.slideshow.macroEnabled.12", "pptx.png", ["ppsm"]),
        Entry("application/vnd.openxmlformats-officedocument.presentationml.slideshow", "pptx.png", ["ppsx"]),
        Entry("application/vnd.ms-powerpoint.presentation.macroEnabled.12", "pptx.png", ["pptm"]),
        Entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx.png", ["pptx"]),
        Entry("application/vnd.ms-excel.sheet.binary.macroEnabled.12", "xlsx.png", ["xlsb"]),
        Entry("application/vnd.ms-excel.sheet.macroEnabled.12", "xlsx.png", ["xlsm"]),
        Entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx.png", ["xlsx"]),
        Entry("application/vnd.ms-xpsdocument", "xlsx.png", ["xps"]),
        Entry("application/zip", "zip.png", aliases: ["application/x-zip-compressed"], ["zip"]),
    ]

    private static let imageEntries: [Entry] = [
        Entry("image/gif", "image.gif", ["gif"]),
        Entry("image/png", "image.gif", ["png"]),
        Entry("image/jpeg", "image.gif", aliases: ["image/pjpeg"], ["jpg", "jpeg"]),
        Entry("image/x-portable-bitmap", "image.gif", ["pbm"]),
        Entry("image/bmp", "image.gif", aliases: ["image/x-bitmap"], ["bmp"]),
        Entry("image/x-portable-graymap", "image.gif", ["ppm"]),
        Entry("image/g3fax", "image.gif", ["fax"]),
        Entry("image/tiff", "image.gif", ["tiff", "tif"]),
        Entry("image/svg+xml", "image.gif", ["svg"]),
        Entry("image/x-dpx", "image.gif", ["dpx"]),
        Entry("application/illustrator", "image.gif", ["ai"]),
        Entry(
            "application/photoshop", "image.gif",
            aliases: [
                "application/x-photoshop", "image/photoshop", "image/x-photoshop", "image/psd", "image/x-psd",
                "image/vnd.adobe.photoshop", "application/psd", "zz-application", "zz-winassoc-psd",
                "application/vnd.3gpp.pic-bw-small",
            ], ["psd", "psb"]),
        Entry("application/x-emf", "image.gif", ["emf"]),
        Entry("application/x-vclmtf", "image.gif", ["vclmtf"]),
        Entry(
            "text/csv", "csv.png",
            aliases: [
                "text/comma-separated-values", "application/csv", "application/excel", "application/vnd.ms-excel",
                "application/vnd.msexcel", "text/anytext",
            ], ["csv"]),
        Entry(
            "application/visio", "visio.gif",
            aliases: [
                "application/vnd.visio", "application/vnd.visio2013", "application/x-visio", "application/visio.drawing",
                "application/vsd", "application/x-vsd", "image/x-vsd", "zz-application/zz-winassoc-vsd",
            ], ["vsdx", "vsd", "vst"]),
    ]

    private static let audioVideoEntries: [Entry] = [
        Entry("audio/mpeg", "audio.png", ["mp3", "mpga", "mp2"]),
        Entry("audio/x-wav", "wav.png", ["wav"]),
        Entry("audio/x-mpegurl", "audio.png", ["m3u"]),
        Entry("audio/x-aiff", "audio.png", ["aif", "aifc", "aiff"]),
        Entry("audio/ogg", "audio.png", ["ogg", "oga", "spx"]),
        Entry("audio/flac", "audio.png", ["flac"]),
        Entry("application/ogg", "audio.png", ["ogm", "ogx"]),
        Entry(
            "audio/aac", "audio.png",
            aliases: ["audio/aacp", "audio/3gpp", "audio/3gpp2", "audio/mp4", "audio/mp4a-latm", "audio/mpeg4-generic"],
            ["aac", "m4a", "m4b", "m4p", "m4r", "mp4"]),
        Entry("audio/x-matroska", "audio.png", ["mka"]),
        Entry("audio/x-ms-wax", "audio.png", ["wax"]),
        Entry("audio/x-ms-wma", "audio.png", ["wma"]),
        Entry("video/mpeg", "video.png", ["mpa", "mpe", "mpeg", "mpg", "mpv2"]),
        Entry("video/mp4", "video.png", ["mp4"]),
        Entry("video/quicktime", "video.png", ["mov", "qt"]),
        Entry("video/ogg", "video.png", ["ogv"]),
        Entry("video/webm", "video.png", ["webm"]),
        Entry("video/x-matroska", "video.png", ["mkv"]),
        Entry("video/x-ms-asf", "video.png", ["asf", "asr", "asx"]),
        Entry("video/x-msvideo", "video.png", ["avi"]),
        Entry("video/fli", "video.png", ["fli"]),
        Entry("video/flv", "video.png", ["flv"]),
        Entry("video/vnd.vivo", "video.png", ["viv", "vivo"]),
        Entry("video/x-m4v", "video.png", ["m4v"]),
        Entry("video/3gpp", "video.png", ["3gp"]),
        Entry("video/3gpp2", "video.png", ["3g2"]),
        Entry("video/x-ms-wmv", "video.png", ["wmv"]),
        Entry("video/x-ms-wm", "video.png", ["wm"]),
        Entry("video/x-ms-wvx", "video.png", ["wvx"]),
        Entry("video/x-ms-wmx", "video.png", ["wmx"]),
        Entry("application/gxf", "video.png", ["gxf"]),
        Entry("application/mxf", "video.png", ["mxf"]),
        Entry("application/java-archive", "java.png", ["jar"]),
        Entry("application/postscript", "ps.png", ["ps", "eps"]),
    ]

    private static let rawImageEntries: [Entry] = [
        Entry("image/x-canon-cr2", "image.gif", aliases: ["image/cr2"], ["cr2"]),
        Entry("image/x-canon-crw", "image.gif", ["crw"]),
        Entry("image/x-nikon-nef", "image.gif", aliases: ["image/nef"], ["nef"]),
        Entry("image/x-adobe-dng", "image.gif", ["dng"]),
        Entry("image/x-panasonic-raw", "image.gif", ["raw", "rw2"]),
        Entry("image/x-fuji-raf", "image.gif", ["raf"]),
        Entry("image/x-sigma-x3f", "image.gif", ["x3f"]),
        Entry("image/x-pentax-pef", "image.gif", ["pef"]),
        Entry("image/x-kodak-dcr", "image.gif", ["dcr"]),
        Entry("image/x-kodak-kdc", "image.gif", ["kdc"]),
        Entry("image/x-sony-sr2", "image.gif", ["sr2"]),
        Entry("image/x-sony-arw", "image.gif", ["arw"]),
        Entry("image/x-sony-srf", "image.gif", ["srf"]),
        Entry("image/x-minolta-mrw", "image.gif", ["mrw"]),
        Entry("image/x-olympus-orf", "image.gif", ["orf"]),
        Entry("image/x-raw-epson", "image.gif", ["erf"]),
        Entry("image/x-portable-pixmap", "image.gif", ["ppm"]),
        Entry("image/raw", "image.gif", ["mos", "nrw", "3fr"]),
        Entry("image/x-raw", "image.gif", ["mef"]),
        Entry("application/wordperfect", "wpd.png", ["wpd"]),
    ]
}
