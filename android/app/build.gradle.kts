plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
    id("org.jetbrains.kotlin.plugin.compose")
}

android {
    namespace = "nl.palliwijzer.app"
    compileSdk = 35
    defaultConfig {
        applicationId = "nl.palliwijzer.app"
        minSdk = 26
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
        // The publication the app syncs from and the root key it pins (see README).
        buildConfigField("String", "SYNC_URL", "\"https://palliwijzer.example/sync\"")
        buildConfigField("String", "FEED_URL", "\"https://palliwijzer.example/api/v1/beschikbaarheid\"")
        buildConfigField("String", "SITE_URL", "\"https://palliwijzer.example\"")
        buildConfigField("String", "ROOT_KEY", "\"${project.findProperty("palliwijzer.rootKey") ?: ""}\"")
    }
    buildFeatures { compose = true; buildConfig = true }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    kotlinOptions { jvmTarget = "17" }
    // libpalliwijzer_ffi.so per ABI, written by ../build-rust.sh (cargo-ndk).
    sourceSets["main"].jniLibs.srcDirs("src/main/jniLibs")
}

dependencies {
    implementation(platform("androidx.compose:compose-bom:2024.12.01"))
    implementation("androidx.compose.material3:material3")
    implementation("androidx.compose.ui:ui")
    implementation("androidx.activity:activity-compose:1.9.3")
    implementation("androidx.work:work-runtime-ktx:2.10.0")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-android:1.9.0")
    implementation("net.java.dev.jna:jna:5.15.0@aar")
    testImplementation("junit:junit:4.13.2")
}
