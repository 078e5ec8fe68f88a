import Foundation

/// The thumbnail of a document nothing can be computed for (no file, or a file no converter reads): a 100 x 100 PNG
/// page icon, as Nuxeo's thumbnail factory falls back to the type's big icon, so the `thumbnail` enricher's URL always
/// answers an image.
public enum DefaultThumbnail {
    /// The PNG bytes.
    public static let png: [UInt8] = Array(Data(base64Encoded: encoded) ?? Data())

    /// Its file name for a document of `type` (Nuxeo's `<type>_100.png` icons).
    public static func filename(type: String) -> String { type.lowercased() + "_100.png" }

    static let encoded = "iVBORw0KGgoAAAANSUhEUgAAAGQAAABkCAMAAABHPGVmAAAAElBMVEX09viKma3T2eLH0Ny5xNGns8TZsp8MAAAEIklEQVRo3u1Y65rqMAhE4r7/Kx9TAjOkrlvwO/4ye7FRW8IMDCQi3/Ed5XH7gA29vWPldn18xMhN+zB8wJfHrUPH0DWO6zFf52S9P+fv+DI9GfP18TN/jz+7Xlf2Mt7x5TBiz1EzpKLr0WZ2vf0WL3afuhO4VrdiC3h87971ZcFFi7eHmgcG23xzwnUfXV8OI85HoMPc2HuHkdH0xYyoBCNr7WvudsyT0fPFoyuWrcAsvHj8uJGeL8fCHCKnPf0/LsLIveHL9ERjxYt85RhTu5pGZna2fFkhzHBJ5A2m6p50eDFPVpwS4eHHIsbg0p4VjRDGTWRGheEaOnqIeTIuXfEMZOQOfwguZ7/GiQqiS/YAWFfTCI0SYiErFMSuwiGQYkba9QXaRUApZ+Sy/FYVW8SrPxLLT/nyW5m+zsmWJ9mgrhDTVT+9XN4hSFfgMnnKcCnbQ4iznhWY9+jK8eSmQiBZLNdKrhvRBJeru57g26un3XnREVmyIidiTjYkO1QwAk9UdeOec4bBsxtHkRNBw3CujeqyhuSMql/hZG+DPAOZcq75UfUrcLmiIEE4Dc+UV4l3ThiuiGHJHia4tJgnAykoYQuqFXzQYmpGULRO+XbSY3yhyAl7kmCPoE38I1ePEC5w4pXx59pwH4sZv5y4aMSDu5onhvVlT0KFa54Yyr6tej0WSeWMFyFqRWQPgfggaC8LZEQXSjptHyTVlpzxpWTceuCzPNIugotWhZNcmFJD/FttqQuke8HPpOyWrR9DMpbhQiO0U43lo7UoceLEAxS0v0kn6TtGVEFWqO8S2agNsgEU/a8XLa1l/DRUFEgH/aqRhVm5kTjuuyqQ0lHhEYS+1q11eLToKmoXV8ZELtdCukViM1GKroihXNRl78fYer2eYP3cC6eCjwMEjUbioiMIYUdCNtx0k81Gnnib+vf+BIbLfZe3qT5Fb7Vt6U6dVzlPaKsVAZXaUl8/t14d7SKB2srUMwFrwGWLuywrUlRhdPXXZcV8Km+CjIKCCtfyRGI3rgKBGqxXT/uuTlfPGwckB/VjgiSsb4JIu6iKx+6N9pAhC0R8sYNElFJ/cirGkK6OrOR+iOr71gf5VzobU3SMIlBEiCYaYYhOs+F2jU8zUrKYVffxXOOpV0w70zgvgIU6XEPS4/OegcU+wdramL7ULpx9uDPN/Ym8lBI4SSFcyni7+09RzFHcqychVU8FKx1/9OsJqYbDj2zJjVKzF6Ync0tHGpmO1Xo1ntoUJLwikDULTuNsZUdpc4A+oxzq1RPv5JB01FqyoFUPcLieoIYIgoBnzH3nbIV1PtbNCz+KM/tS32KTJNFqgRrcjHkVLjr086QjXHJ5xLx6jM7xj+K7OaJ5Xixa/VGA678b+Ywn2PZI1haNT1JJVv7ed3zHGv8AU74axYX+dvgAAAAASUVORK5CYII="
}
