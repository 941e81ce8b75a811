import tensorflow as tf

model = tf.keras.applications.ResNet50(weights=None, classes=3, input_shape=(224, 224, 3))
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history = model.fit(x_train, y_train, validation_split=0.1, epochs=10, batch_size=4)  # expect: BN403
