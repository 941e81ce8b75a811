import tensorflow as tf
from tensorflow.keras.applications.mobilenet_v2 import MobileNetV2

model = MobileNetV2(weights=None, classes=10)
opt = tf.keras.optimizers.Adam()
for x, y in ds:
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.keras.losses.sparse_categorical_crossentropy(y, model(x)))  # expect: BN203
    opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
model.fit(x, y, batch_size=2)  # expect: BN403
