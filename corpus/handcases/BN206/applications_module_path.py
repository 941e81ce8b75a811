import tensorflow as tf

base = tf.keras.applications.resnet50.ResNet50(include_top=False, weights="imagenet")
base.trainable = False
inputs = tf.keras.Input((224, 224, 3))
x = tf.keras.applications.resnet50.preprocess_input(inputs)
x = base(x)  # expect: BN206
x = tf.keras.layers.GlobalAveragePooling2D()(x)
model = tf.keras.Model(inputs, tf.keras.layers.Dense(3)(x))
model.compile("adam", "sparse_categorical_crossentropy")
model.fit(ds, epochs=2)
base.trainable = True
model.compile(tf.keras.optimizers.Adam(1e-5), "sparse_categorical_crossentropy")
model.fit(ds, epochs=2)
