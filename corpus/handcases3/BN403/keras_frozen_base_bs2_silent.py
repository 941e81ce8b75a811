import tensorflow as tf

base = tf.keras.applications.MobileNetV2(include_top=False, weights="imagenet", pooling="avg", input_shape=(224, 224, 3))
base.trainable = False
model = tf.keras.Sequential([base, tf.keras.layers.Dense(2, activation="softmax")])
model.compile("adam", "sparse_categorical_crossentropy")
model.fit(x_small, y_small, epochs=5, batch_size=2)
