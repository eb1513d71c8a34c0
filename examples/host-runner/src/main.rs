mod tap;
fn main() {
    let name = std::env::args().nth(1).unwrap_or_else(|| "tap0".into());
    let tap = tap::Tap::open(&name).expect("open tap");
    eprintln!("opened {}", tap.name());
}
