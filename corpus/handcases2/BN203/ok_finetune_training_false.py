import tensorflow as tf
from tensorflow import keras

base = keras.applications.MobileNetV2(include_top=False, pooling="avg")
head = keras.layers.Dense(5)
opt = keras.optimizers.Adam(1e-4)


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        feats = base(x, training=False)
        logits = head(feats)
        loss = tf.reduce_mean(keras.losses.sparse_categorical_crossentropy(y, logits, from_logits=True))
    variables = base.trainable_variables + head.trainable_variables
    opt.apply_gradients(zip(tape.gradient(loss, variables), variables))
