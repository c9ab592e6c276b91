//! Build script: gives the Windows executable its icon.
//!
//! Explorer, the Start menu and the installer's shortcuts show the icon
//! stored in the `.exe` itself, not the window icon the program sets at run
//! time, so the `.ico` is compiled in as a Windows resource. Other systems
//! take their icons from the package (hicolor theme, `.icns` in the bundle).
//! The resource compiler (`rc.exe` from the Windows SDK) only exists on a
//! Windows host, so a build cross-compiled from elsewhere goes without.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=assets/icon/dossier.ico");
    #[cfg(windows)]
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        let mut resource = winresource::WindowsResource::new();
        resource.set_icon("assets/icon/dossier.ico");
        resource
            .compile()
            .expect("embedding assets/icon/dossier.ico in the executable");
    }
}
